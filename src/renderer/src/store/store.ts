import { configureStore } from '@reduxjs/toolkit';
import { postsSlice } from './posts-slice';
import { studioSlice } from './studio-slice';
import { uiSlice } from './ui-slice';

/** The renderer's store: studio state, the active account's posts, and what the UI shows. */
export function createAppStore() {
  return configureStore({
    reducer: { studio: studioSlice.reducer, posts: postsSlice.reducer, ui: uiSlice.reducer },
  });
}

export type AppStore = ReturnType<typeof createAppStore>;
export type RootState = ReturnType<AppStore['getState']>;
export type AppDispatch = AppStore['dispatch'];
