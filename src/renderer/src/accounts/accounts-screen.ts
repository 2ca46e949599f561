import type { ScreenDefinition } from '../shell/screen';
import { AccountsScreen } from './AccountsScreen';

export const accountsScreen: ScreenDefinition = {
  id: 'accounts',
  label: 'Accounts',
  Component: AccountsScreen,
};
