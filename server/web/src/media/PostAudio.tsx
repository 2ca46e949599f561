import type { OpenMedia } from './media-types';
import { MediaLoadProblem } from './MediaLoadProblem';
import { useSignedPlayback } from './useSignedPlayback';

interface PostAudioProps {
  readonly audio: OpenMedia;
  readonly handle: string;
  /** Its caption, or `Audio by @ana`. */
  readonly label: string;
}

/** An open post's audio: the browser's player, its caption, and the same URL renewal as a video's. */
export function PostAudio({ audio, handle, label }: PostAudioProps) {
  const playback = useSignedPlayback<HTMLAudioElement>(handle, audio);
  const { fullUrl } = playback.urls;
  const caption = audio.caption.trim();
  return (
    <figure className="post-media__item post-audio">
      <audio
        ref={playback.ref}
        className="post-audio__player"
        data-testid="post-audio"
        data-media-id={audio.id}
        src={fullUrl}
        aria-label={label}
        controls
        preload="metadata"
        {...playback.handlers}
      />
      {caption !== '' ? (
        <figcaption className="post-media__caption" dir="auto">
          {caption}
        </figcaption>
      ) : null}
      <MediaLoadProblem status={playback.status} what="audio track" onRetry={playback.retry} />
    </figure>
  );
}
