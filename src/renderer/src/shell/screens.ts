import { accountsScreen } from '../accounts/accounts-screen';
import { earningsScreen } from '../earnings/earnings-screen';
import { liveScreen } from '../live/live-screen';
import { offersScreen } from '../offers/offers-screen';
import { postsScreen } from '../posts/posts-screen';
import { profileScreen } from '../profile/profile-screen';
import { vaultScreen } from '../vault/vault-screen';
import { calendarScreen, messagesScreen } from './planned-screens';
import type { ScreenDefinition } from './screen';

/** The studio's screens, in navigation order: each feature declares its own and is listed here once. */
export const SCREENS: readonly ScreenDefinition[] = [
  liveScreen,
  postsScreen,
  vaultScreen,
  profileScreen,
  messagesScreen,
  calendarScreen,
  offersScreen,
  earningsScreen,
  accountsScreen,
];
