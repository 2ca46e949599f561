import { type RefObject, type SyntheticEvent, useCallback, useMemo, useRef } from 'react';
import type { OpenMedia } from './media-types';
import { mediaFailureOf, type SignedUrls } from './signed-url';
import { type SignedMediaStatus, useSignedMediaRefresh } from './useSignedMediaRefresh';
import { usePlaybackResume } from './usePlaybackResume';

export interface SignedPlayback<E extends HTMLMediaElement> {
  readonly ref: RefObject<E | null>;
  readonly urls: SignedUrls;
  readonly status: SignedMediaStatus;
  /** Spread on the `<video>` or `<audio>` element. */
  readonly handlers: ReturnType<typeof usePlaybackResume>['handlers'] & {
    readonly onError: (event: SyntheticEvent<E>) => void;
  };
  /** The viewer's "Try again" after the URL could not be renewed. */
  readonly retry: () => void;
}

/**
 * A player of an open item: when its signed URL expires during playback (the element fails with a network
 * error), the creator page is read again and the player resumes at the same time with the fresh URL.
 */
export function useSignedPlayback<E extends HTMLMediaElement>(
  handle: string,
  media: OpenMedia,
): SignedPlayback<E> {
  const ref = useRef<E>(null);
  const signed = useSignedMediaRefresh(handle, media);
  const resume = usePlaybackResume();
  const { recover, retry: retrySigned, urls, status } = signed;
  const { save, handlers: resumeHandlers } = resume;

  const onError = useCallback(
    (event: SyntheticEvent<E>) => {
      const element = event.currentTarget;
      save(element);
      recover(mediaFailureOf(element.error?.code), element.currentSrc || urls.fullUrl);
    },
    [recover, save, urls.fullUrl],
  );

  // The same URL again (the server had nothing newer) is loaded anew by hand: React leaves an unchanged `src`.
  const retry = useCallback(() => {
    void retrySigned().then((changed) => {
      if (!changed) ref.current?.load();
    });
  }, [retrySigned]);

  const handlers = useMemo(() => ({ ...resumeHandlers, onError }), [onError, resumeHandlers]);
  return { ref, urls, status, handlers, retry };
}
