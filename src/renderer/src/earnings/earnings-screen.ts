import type { ScreenDefinition } from '../shell/screen';
import { EarningsScreen } from './EarningsScreen';

export const earningsScreen: ScreenDefinition = {
  id: 'earnings',
  label: 'Earnings',
  Component: EarningsScreen,
};
