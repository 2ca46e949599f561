import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { LocalPost } from '@shared/domain/posts/local-post';

export interface PostsSliceState {
  readonly items: readonly LocalPost[];
  /** Which account these posts belong to, so a switch never shows another account's posts. */
  readonly accountId: string | null;
  readonly loading: boolean;
  readonly error: string | null;
}

const initialState: PostsSliceState = { items: [], accountId: null, loading: false, error: null };

export const postsSlice = createSlice({
  name: 'posts',
  initialState,
  reducers: {
    postsLoading(draft, action: PayloadAction<{ accountId: string | null }>) {
      draft.loading = true;
      if (draft.accountId !== action.payload.accountId) {
        draft.items = [];
        draft.accountId = action.payload.accountId;
      }
    },
    /** The active account's posts as `posts.list` returned them (newest first). */
    postsLoaded(_draft, action: PayloadAction<{ accountId: string | null; posts: readonly LocalPost[] }>) {
      return {
        items: action.payload.posts,
        accountId: action.payload.accountId,
        loading: false,
        error: null,
      };
    },
    /** A post the studio just returned from a change: shown at once, before `posts.onChange` reloads the list. */
    postStored(draft, action: PayloadAction<LocalPost>): PostsSliceState {
      const post = action.payload;
      const state = draft as PostsSliceState;
      const known = state.items.some((item) => item.id === post.id);
      const items = known
        ? state.items.map((item) => (item.id === post.id ? post : item))
        : [post, ...state.items];
      return { ...state, items };
    },
    postRemoved(draft, action: PayloadAction<string>): PostsSliceState {
      const state = draft as PostsSliceState;
      return { ...state, items: state.items.filter((item) => item.id !== action.payload) };
    },
    postsFailed(draft, action: PayloadAction<string>) {
      draft.loading = false;
      draft.error = action.payload;
    },
  },
});

export const { postsLoading, postsLoaded, postStored, postRemoved, postsFailed } = postsSlice.actions;

export function postById(slice: PostsSliceState, id: string | null): LocalPost | null {
  if (id === null) return null;
  return slice.items.find((post) => post.id === id) ?? null;
}

/** How many posts wait for the creator: conflicts to resolve and changes the server refused. */
export function postsNeedingAttention(slice: PostsSliceState): number {
  return slice.items.filter((post) => post.syncState === 'conflict' || post.syncState === 'rejected').length;
}
