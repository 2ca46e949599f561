import { type SyntheticEvent, useMemo, useRef } from 'react';

/** Where a player was when its URL failed: the time, and whether it was playing. */
interface Place {
  readonly time: number;
  readonly playing: boolean;
}

export interface PlaybackResume {
  /** Notes where the element is (the first failure's place wins), before its URL is replaced. */
  readonly save: (element: HTMLMediaElement) => void;
  /** The element's event handlers: they follow play and pause, and resume once a new URL's metadata is in. */
  readonly handlers: {
    readonly onPlay: () => void;
    readonly onPause: (event: SyntheticEvent<HTMLMediaElement>) => void;
    readonly onLoadedMetadata: (event: SyntheticEvent<HTMLMediaElement>) => void;
  };
}

/**
 * Brings a video or audio player back to where it was after its URL was replaced (loading a new `src` starts
 * again from 0, paused): the same time, playing again if it was. The viewer already pressed play, so the browser
 * lets it play with sound.
 */
export function usePlaybackResume(): PlaybackResume {
  const playing = useRef(false);
  const saved = useRef<Place | null>(null);
  return useMemo(
    () => ({
      save: (element) => {
        saved.current ??= { time: element.currentTime, playing: playing.current };
      },
      handlers: {
        onPlay: () => {
          playing.current = true;
        },
        // A pause that comes with a failure is not the viewer's: the place saved says it was playing.
        onPause: (event) => {
          if (event.currentTarget.error === null) playing.current = false;
        },
        onLoadedMetadata: (event) => {
          const place = saved.current;
          if (place === null) return;
          saved.current = null;
          const element = event.currentTarget;
          if (place.time > 0) element.currentTime = place.time;
          if (place.playing) element.play().catch(() => undefined);
        },
      },
    }),
    [],
  );
}
