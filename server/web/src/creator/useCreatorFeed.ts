import { useCallback, useEffect, useReducer, useRef } from 'react';
import { describeError, failedCallOf } from '../api/error-message';
import { api } from '../api/trpc';
import { feedReducer, firstPageFailed, initialFeed, reloadLimit, type FeedState } from './feed';

export interface CreatorFeed {
  readonly state: FeedState;
  /** Loads the next, older page of posts. */
  readonly loadMore: () => void;
  /** Loads the page again from the newest post, keeping what is shown until the answer arrives. */
  readonly reload: () => Promise<void>;
}

/**
 * A creator's page and posts. `viewerKey` changes when the signed-in account changes, which reloads the page,
 * since the server decides per viewer which posts are open. `null` means the viewer is not known yet: nothing is
 * loaded until it is, so the page is fetched once rather than once anonymously and again for the account.
 */
export function useCreatorFeed(handle: string, viewerKey: string | null): CreatorFeed {
  const [state, dispatch] = useReducer(feedReducer, initialFeed);
  // Answers for an earlier handle or viewer are dropped: only the latest request may change the page.
  const generation = useRef(0);

  const fetchFirstPage = useCallback(
    async (limit: number) => {
      const mine = ++generation.current;
      try {
        const page = await api.creators.page.query({ handle, limit });
        if (mine === generation.current) dispatch({ type: 'firstPageLoaded', page });
      } catch (error) {
        if (mine !== generation.current) return;
        dispatch(firstPageFailed(failedCallOf(error)));
      }
    },
    [handle],
  );

  useEffect(() => {
    dispatch({ type: 'started' });
    if (viewerKey !== null) void fetchFirstPage(20);
  }, [fetchFirstPage, viewerKey]);

  const loadMore = useCallback(() => {
    const current = state;
    if (current.status !== 'ready' || current.nextCursor === null || current.loadingMore) return;
    const before = current.nextCursor;
    const mine = generation.current;
    dispatch({ type: 'moreRequested' });
    api.creators.page
      .query({ handle, before })
      .then((page) => mine === generation.current && dispatch({ type: 'moreLoaded', page }))
      .catch(
        (error: unknown) =>
          mine === generation.current && dispatch({ type: 'moreFailed', message: describeError(error) }),
      );
  }, [handle, state]);

  const shownCount = state.status === 'ready' ? state.posts.length : 0;
  const reload = useCallback(() => fetchFirstPage(reloadLimit(shownCount)), [fetchFirstPage, shownCount]);

  return { state, loadMore, reload };
}
