import { describeError, failedCallOf } from '../api/error-message';
import type { CreatorPage, CreatorProfile, PageEntry, Viewer } from '../api/types';

/** What the creator page shows, read from its infinite query. */
export type FeedView =
  | { readonly status: 'loading' }
  | { readonly status: 'notFound' }
  | { readonly status: 'failed'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly creator: CreatorProfile;
      readonly viewer: Viewer;
      readonly posts: readonly PageEntry[];
      /** Why the last "load more" failed; the posts already shown stay. */
      readonly moreError: string | null;
    };

/** The parts of TanStack Query's infinite query result the page reads. */
export interface FeedQuery {
  readonly data: { readonly pages: readonly CreatorPage[] } | undefined;
  readonly error: unknown;
  readonly isFetchNextPageError: boolean;
}

/**
 * The page for a query's state. Once pages have arrived they stay on screen: a failed refresh (after a follow,
 * on focus) changes nothing, and a failed "load more" says so under the posts.
 */
export function feedView(query: FeedQuery): FeedView {
  const pages = query.data?.pages ?? [];
  const latest = pages.at(-1);
  if (latest === undefined) {
    if (query.error === null || query.error === undefined) return { status: 'loading' };
    return isMissingCreator(query.error)
      ? { status: 'notFound' }
      : { status: 'failed', message: describeError(query.error) };
  }
  return {
    status: 'ready',
    creator: latest.creator,
    viewer: latest.viewer,
    posts: postsOf(pages),
    moreError: query.isFetchNextPageError ? describeError(query.error) : null,
  };
}

/** No such creator: the server answers NOT_FOUND, or BAD_REQUEST for a handle that cannot be one. */
export function isMissingCreator(error: unknown): boolean {
  const { code } = failedCallOf(error);
  return code === 'NOT_FOUND' || code === 'BAD_REQUEST';
}

/** Every loaded page's posts in one list, newest first, none twice. */
export function postsOf(pages: readonly Pick<CreatorPage, 'posts'>[]): readonly PageEntry[] {
  return pages.reduce<readonly PageEntry[]>((shown, page) => mergePosts(shown, page.posts), []);
}

/** Older posts appended after the ones shown; a post that appears on two pages is shown once. */
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
