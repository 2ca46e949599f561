import { useEffect, useRef, useState } from 'react';

interface PreviewLoopProps {
  /** The public, blurred 5 s clip. */
  readonly src: string;
  readonly poster: string | null;
  readonly width: number | null;
  readonly height: number | null;
}

/** Whether the viewer asked their system for less motion. */
const prefersLessMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * A locked video's preview: muted, looping, started from script rather than `autoplay` so that it stays still
 * for a viewer who prefers less motion, with a button to pause it (motion that goes on for more than five
 * seconds must be stoppable). Decorative: the summary beside it says what the post holds.
 */
export function PreviewLoop({ src, poster, width, height }: PreviewLoopProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(() => !prefersLessMotion());

  useEffect(() => {
    const element = video.current;
    if (element === null) return;
    if (!playing) {
      element.pause();
      return;
    }
    // Muted before play(), as browsers require for playback the viewer did not start.
    element.muted = true;
    // Refused (a battery saver, a browser that blocks it): it stays on its poster, and the button says Play.
    element.play().catch(() => setPlaying(false));
  }, [playing]);

  return (
    <>
      <video
        ref={video}
        className="locked-media__picture"
        src={src}
        poster={poster ?? undefined}
        width={width ?? undefined}
        height={height ?? undefined}
        muted
        loop
        playsInline
        preload="metadata"
        aria-hidden="true"
        tabIndex={-1}
      />
      <button
        type="button"
        className="button button--quiet locked-media__motion"
        onClick={() => setPlaying((now) => !now)}
      >
        {playing ? 'Pause preview' : 'Play preview'}
      </button>
    </>
  );
}
