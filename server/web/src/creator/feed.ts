import { describeFailure, type FailedCall } from '../api/error-message';
import type { CreatorPage, CreatorSummary, PageEntry, Viewer } from '../api/types';

/** What the creator page shows: its posts so far, and whether more can be loaded. */
export type FeedState =
  | { readonly status: 'loading' }
  | { readonly status: 'notFound' }
  | { readonly status: 'failed'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly creator: CreatorSummary;
      readonly viewer: Viewer;
      readonly posts: readonly PageEntry[];
      readonly nextCursor: string | null;
      readonly loadingMore: boolean;
      readonly moreError: string | null;
    };

export type FeedEvent =
  | { readonly type: 'started' }
  | { readonly type: 'firstPageLoaded'; readonly page: CreatorPage }
  | { readonly type: 'notFound' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'moreRequested' }
  | { readonly type: 'moreLoaded'; readonly page: CreatorPage }
  | { readonly type: 'moreFailed'; readonly message: string };

export const initialFeed: FeedState = { status: 'loading' };

/** How the creator page's state moves on each answer from `creators.page`. */
export function feedReducer(state: FeedState, event: FeedEvent): FeedState {
  switch (event.type) {
    case 'started':
      return { status: 'loading' };
    case 'firstPageLoaded':
      // A fresh first page replaces everything: after a follow the server may open posts that were locked.
      return {
        status: 'ready',
        creator: event.page.creator,
        viewer: event.page.viewer,
        posts: newestFirst(event.page.posts),
        nextCursor: event.page.nextCursor,
        loadingMore: false,
        moreError: null,
      };
    case 'notFound':
      return { status: 'notFound' };
    case 'failed':
      // A failed refresh keeps what is already on screen.
      return state.status === 'ready' ? state : { status: 'failed', message: event.message };
    case 'moreRequested':
      return state.status === 'ready' && state.nextCursor !== null
        ? { ...state, loadingMore: true, moreError: null }
        : state;
    case 'moreLoaded':
      if (state.status !== 'ready') return state;
      return {
        ...state,
        viewer: event.page.viewer,
        posts: mergePosts(state.posts, event.page.posts),
        nextCursor: event.page.nextCursor,
        loadingMore: false,
      };
    case 'moreFailed':
      return state.status === 'ready' ? { ...state, loadingMore: false, moreError: event.message } : state;
  }
}

/** Older posts appended after the ones shown; a post published between the two loads is not shown twice. */
export function mergePosts(shown: readonly PageEntry[], older: readonly PageEntry[]): readonly PageEntry[] {
  const seen = new Set(shown.map((post) => post.id));
  return newestFirst([...shown, ...older.filter((post) => !seen.has(post.id))]);
}

// The server already sends newest first; sorting again keeps the order right after merging pages.
// ISO 8601 UTC strings sort as text, but offsets may differ, so compare instants.
function newestFirst(posts: readonly PageEntry[]): readonly PageEntry[] {
  return [...posts].sort((a, b) => instant(b.publishedAt) - instant(a.publishedAt));
}

function instant(value: string | Date): number {
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? 0 : time;
}

/** How many posts to ask for when reloading the page, so a reload does not shrink a long list much. */
export function reloadLimit(shownCount: number): number {
  return Math.min(50, Math.max(20, shownCount));
}

/** What a failed first load means: no such creator (also for a handle the server refuses as malformed), or a failure. */
export function firstPageFailed(failure: FailedCall): FeedEvent {
  return failure.code === 'NOT_FOUND' || failure.code === 'BAD_REQUEST'
    ? { type: 'notFound' }
    : { type: 'failed', message: describeFailure(failure) };
}
