import type { PageEntry } from '../api/types';
import type { OpenMedia } from './media-types';

/** Why a media element could not load its URL (from `MediaError.code`; an image only says it failed). */
export type MediaFailure = 'aborted' | 'network' | 'decode' | 'unreadable';

const FAILURE_OF_CODE: Readonly<Record<number, MediaFailure>> = {
  1: 'aborted', // MEDIA_ERR_ABORTED: the viewer stopped the fetch
  2: 'network', // MEDIA_ERR_NETWORK: a fetch failed after it started, as when a signed URL expires mid-video
  3: 'decode', // MEDIA_ERR_DECODE
  4: 'unreadable', // MEDIA_ERR_SRC_NOT_SUPPORTED: what a 403 on the very first request looks like
};

export function mediaFailureOf(code: number | undefined): MediaFailure {
  return (code === undefined ? undefined : FAILURE_OF_CODE[code]) ?? 'unreadable';
}

/** A URL the server signed (`?exp=…&sig=…`): it expires, and reading the page again gives a fresh one. */
export function isSignedUrl(url: string): boolean {
  const { searchParams } = new URL(url, 'http://page.invalid');
  return searchParams.has('exp') && searchParams.has('sig');
}

/** At most this many refreshes of one item's URLs in this long, so a URL that keeps failing cannot loop. */
export const REFRESH_LIMIT = 3;
export const REFRESH_WINDOW_MS = 5 * 60_000;

export interface FailedLoad {
  readonly failure: MediaFailure;
  /** The URL that failed. */
  readonly url: string;
  /** When this item's URLs were refreshed before (ms since the epoch). */
  readonly refreshedAt: readonly number[];
  readonly now: number;
}

/**
 * Whether reading the page again could fix a failed load: only a signed URL (public previews do not expire),
 * only when the fetch failed (not when the viewer aborted it or the file would not decode), and at most
 * `REFRESH_LIMIT` times in `REFRESH_WINDOW_MS`. An expired URL fails as `network` mid-playback and as
 * `unreadable` on a first request (the server answers 403), so both count.
 */
export function shouldRefreshSignedUrl({ failure, url, refreshedAt, now }: FailedLoad): boolean {
  if (failure !== 'network' && failure !== 'unreadable') return false;
  if (!isSignedUrl(url)) return false;
  return recentRefreshes(refreshedAt, now).length < REFRESH_LIMIT;
}

/** The refreshes still inside the window. */
export function recentRefreshes(refreshedAt: readonly number[], now: number): readonly number[] {
  return refreshedAt.filter((at) => at <= now && now - at < REFRESH_WINDOW_MS);
}

/** An open item's signed URLs. */
export type SignedUrls = Pick<OpenMedia, 'fullUrl' | 'posterUrl'>;

/**
 * The signed URLs of one item in the creator page's loaded pages (the infinite query's data), or null when the
 * item is not there or no longer open to the viewer.
 */
export function signedUrlsIn(
  data: { readonly pages: readonly { readonly posts: readonly PageEntry[] }[] } | undefined,
  mediaId: string,
): SignedUrls | null {
  for (const page of data?.pages ?? []) {
    for (const post of page.posts) {
      if (post.access !== 'open') continue;
      const item = post.media.find((media) => media.id === mediaId);
      if (item) return { fullUrl: item.fullUrl, posterUrl: item.posterUrl };
    }
  }
  return null;
}
