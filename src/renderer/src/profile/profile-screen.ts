import type { ScreenDefinition } from '../shell/screen';
import { hasUnsavedProfile, profileNeedsAttention } from './profile-slice';
import { ProfileScreen } from './ProfileScreen';

export const profileScreen: ScreenDefinition = {
  id: 'profile',
  label: 'Profile',
  Component: ProfileScreen,
  attention: (state) => profileNeedsAttention(state.profile),
  unsaved: (state) => hasUnsavedProfile(state.profile),
};
