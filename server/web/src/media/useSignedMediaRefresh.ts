import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useTRPC } from '../api/trpc';
import type { OpenMedia } from './media-types';
import {
  type MediaFailure,
  recentRefreshes,
  shouldRefreshSignedUrl,
  type SignedUrls,
  signedUrlsIn,
} from './signed-url';

export type SignedMediaStatus = 'ready' | 'refreshing' | 'failed';

export interface SignedMedia {
  /** The URLs the element uses: the ones it was first given, until they fail and fresh ones replace them. */
  readonly urls: SignedUrls;
  readonly status: SignedMediaStatus;
  /** The element failed to load `url`: fresh URLs are asked for when that can help (`shouldRefreshSignedUrl`). */
  readonly recover: (failure: MediaFailure, url: string) => void;
  /** The viewer's "Try again": fresh URLs whatever the count; true when they differ from the ones shown. */
  readonly retry: () => Promise<boolean>;
}

/**
 * Keeps an open item's signed URLs working. The element keeps the URLs it started with while the page is read
 * again in the background (after a follow, on focus): a new URL in its `src` would restart a playing video.
 * When a load fails because a URL expired, the creator page is read again (joining a refresh already under way)
 * and the item's fresh URLs are taken from it; the player then resumes where it was.
 */
export function useSignedMediaRefresh(handle: string, media: OpenMedia): SignedMedia {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [urls, setUrls] = useState<SignedUrls>(() => ({
    fullUrl: media.fullUrl,
    posterUrl: media.posterUrl,
  }));
  const [status, setStatus] = useState<SignedMediaStatus>('ready');
  const shown = useRef(urls);
  const refreshedAt = useRef<readonly number[]>([]);
  const busy = useRef(false);
  const mediaId = media.id;

  /** Reads the page again; the item's fresh URLs if they differ from the ones shown, else null. */
  const fetchFresh = useCallback(async (): Promise<SignedUrls | null> => {
    busy.current = true;
    setStatus('refreshing');
    try {
      await queryClient.invalidateQueries(trpc.creators.page.infiniteQueryFilter({ handle }), {
        cancelRefetch: false,
      });
      const fresh = signedUrlsIn(
        queryClient.getQueryData(trpc.creators.page.infiniteQueryKey({ handle })),
        mediaId,
      );
      if (fresh === null || fresh.fullUrl === shown.current.fullUrl) return null;
      shown.current = fresh;
      setUrls(fresh);
      return fresh;
    } finally {
      busy.current = false;
    }
  }, [handle, mediaId, queryClient, trpc]);

  const recover = useCallback(
    (failure: MediaFailure, url: string) => {
      if (busy.current) return;
      const now = Date.now();
      const recent = recentRefreshes(refreshedAt.current, now);
      if (!shouldRefreshSignedUrl({ failure, url, refreshedAt: recent, now })) {
        setStatus('failed');
        return;
      }
      refreshedAt.current = [...recent, now];
      void fetchFresh().then(
        (fresh) => setStatus(fresh ? 'ready' : 'failed'),
        () => setStatus('failed'),
      );
    },
    [fetchFresh],
  );

  const retry = useCallback(async () => {
    const fresh = await fetchFresh();
    setStatus('ready');
    return fresh !== null;
  }, [fetchFresh]);

  return { urls, status, recover, retry };
}
