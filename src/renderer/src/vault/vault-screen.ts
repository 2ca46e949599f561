import type { ScreenDefinition } from '../shell/screen';
import { VaultScreen } from './VaultScreen';

export const vaultScreen: ScreenDefinition = {
  id: 'vault',
  label: 'Vault',
  Component: VaultScreen,
};
