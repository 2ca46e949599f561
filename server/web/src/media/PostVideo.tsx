import type { OpenMedia } from './media-types';
import { MediaLoadProblem } from './MediaLoadProblem';
import { useSignedPlayback } from './useSignedPlayback';

interface PostVideoProps {
  readonly video: OpenMedia;
  readonly handle: string;
  /** Its caption, or `Video by @ana`. */
  readonly label: string;
}

/**
 * An open post's video: the browser's own controls, the poster until it plays, only its metadata fetched until
 * then; the caption under it. A signed URL that expires while it plays is renewed and playback goes on.
 */
export function PostVideo({ video, handle, label }: PostVideoProps) {
  const playback = useSignedPlayback<HTMLVideoElement>(handle, video);
  const { fullUrl, posterUrl } = playback.urls;
  const caption = video.caption.trim();
  return (
    <figure className="post-media__item post-video">
      <video
        ref={playback.ref}
        className="post-video__player"
        data-testid="post-video"
        data-media-id={video.id}
        src={fullUrl}
        poster={posterUrl ?? undefined}
        width={video.width ?? undefined}
        height={video.height ?? undefined}
        aria-label={label}
        controls
        playsInline
        preload="metadata"
        {...playback.handlers}
      />
      {caption !== '' ? (
        <figcaption className="post-media__caption" dir="auto">
          {caption}
        </figcaption>
      ) : null}
      <MediaLoadProblem status={playback.status} what="video" onRetry={playback.retry} />
    </figure>
  );
}
