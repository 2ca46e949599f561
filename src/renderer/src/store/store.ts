import { configureStore } from '@reduxjs/toolkit';
import { liveSlice } from '../live/live-slice';
import { offersSlice } from '../offers/offers-slice';
import { editorSlice } from '../posts/editor-slice';
import { postsSlice } from '../posts/posts-slice';
import { profileSlice } from '../profile/profile-slice';
import { navigationSlice } from '../shell/navigation-slice';
import { vaultSlice } from '../vault/vault-slice';
import { studioSlice } from './studio-slice';

/** The renderer's store: the studio's state, which screen is shown, and one slice per feature. */
export function createAppStore() {
  return configureStore({
    reducer: {
      studio: studioSlice.reducer,
      navigation: navigationSlice.reducer,
      posts: postsSlice.reducer,
      postEditor: editorSlice.reducer,
      profile: profileSlice.reducer,
      offers: offersSlice.reducer,
      vault: vaultSlice.reducer,
      live: liveSlice.reducer,
    },
  });
}

export type AppStore = ReturnType<typeof createAppStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
