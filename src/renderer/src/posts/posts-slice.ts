import { createEntityAdapter, createSlice, type EntityState, type PayloadAction } from '@reduxjs/toolkit';
import type { LocalPost } from '@shared/domain/posts/local-post';

/** The active account's posts by id, newest first; updated by id as the studio reports changes. */
const adapter = createEntityAdapter<LocalPost>({
  sortComparer: (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
});

export interface PostsSliceState extends EntityState<LocalPost, string> {
  /** Which account these posts belong to: posts of another account are never stored here. */
  readonly accountId: string | null;
  readonly loading: boolean;
  readonly error: string | null;
}

const initialState: PostsSliceState = adapter.getInitialState({
  accountId: null,
  loading: false,
  error: null,
});

type ForAccount<T> = PayloadAction<{ readonly accountId: string | null } & T>;

export const postsSlice = createSlice({
  name: 'posts',
  initialState,
  reducers: {
    /** A load of `accountId`'s posts started; another account's posts are cleared at once. */
    postsLoading(draft, action: ForAccount<object>) {
      if (draft.accountId !== action.payload.accountId) {
        adapter.removeAll(draft);
        draft.accountId = action.payload.accountId;
      }
      draft.loading = true;
    },
    /** The account's whole list, as `posts.list` returned it. */
    postsLoaded(draft, action: ForAccount<{ readonly posts: readonly LocalPost[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      adapter.setAll(draft, action.payload.posts);
      draft.loading = false;
      draft.error = null;
    },
    /** Posts the studio returned or reported changed: replaced in place, or added. */
    postsStored(draft, action: ForAccount<{ readonly posts: readonly LocalPost[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      adapter.upsertMany(draft, action.payload.posts);
    },
    /** Posts that are gone (deleted here or on the server). */
    postsGone(draft, action: ForAccount<{ readonly ids: readonly string[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      adapter.removeMany(draft, action.payload.ids);
    },
    postsFailed(draft, action: PayloadAction<string>) {
      draft.loading = false;
      draft.error = action.payload;
    },
  },
});

export const { postsLoading, postsLoaded, postsStored, postsGone, postsFailed } = postsSlice.actions;

const selectors = adapter.getSelectors();
export const selectPosts = selectors.selectAll;

export function postById(slice: PostsSliceState, id: string | null): LocalPost | null {
  return id === null ? null : (selectors.selectById(slice, id) ?? null);
}

/** How many posts wait for the creator: conflicts to resolve and changes the server refused. */
export function postsNeedingAttention(slice: PostsSliceState): number {
  return selectPosts(slice).filter((post) => post.syncState === 'conflict' || post.syncState === 'rejected')
    .length;
}
