import type { ScreenDefinition } from '../shell/screen';
import { ContentScreen } from './ContentScreen';
import { accountHasUnsavedChanges } from './editor-slice';
import { postsNeedingAttention } from './posts-slice';

export const postsScreen: ScreenDefinition = {
  id: 'content',
  label: 'Content',
  Component: ContentScreen,
  attention: (state) => postsNeedingAttention(state.posts),
  unsaved: (state) => accountHasUnsavedChanges(state.postEditor),
};
