import { LockIcon } from '../creator/LockIcon';
import { mediaSummary } from './media-summary';
import type { PageMedia } from './media-types';
import { PreviewLoop } from './PreviewLoop';

/**
 * What a locked post holds, shown without giving it away: the server's blurred preview of its first photo or
 * video (or a 15 s clip of its audio), a lock, and what is inside ("3 photos · 1 video, 2:05"). The post's lock
 * card under it offers what opens it; once it is open the page is read again and the post shows its media.
 */
export function LockedMedia({ media }: { readonly media: readonly PageMedia[] }) {
  if (media.length === 0) return null;
  const cover = media.find((item) => item.kind !== 'audio');
  const audio = media.find((item) => item.kind === 'audio');
  return (
    <div className="locked-media" data-testid="locked-media">
      {cover ? <LockedCover item={cover} /> : null}
      <p className={`locked-media__badge${cover ? ' locked-media__badge--over' : ''}`}>
        <LockIcon />
        <span>
          <span className="visually-hidden">Locked: </span>
          {mediaSummary(media)}
        </span>
      </p>
      {!cover && audio?.previewUrl ? (
        <audio
          className="locked-media__audio"
          src={audio.previewUrl}
          aria-label="Audio preview, 15 seconds"
          controls
          preload="none"
        />
      ) : null}
    </div>
  );
}

/** The blurred picture behind the lock: a video's looping preview, or a photo's blurred thumbnail. */
function LockedCover({ item }: { readonly item: PageMedia }) {
  const still = item.thumbUrl ?? (item.kind === 'photo' ? item.previewUrl : null);
  return (
    <div className="locked-media__cover">
      {item.kind === 'video' && item.previewUrl ? (
        <PreviewLoop src={item.previewUrl} poster={item.thumbUrl} width={item.width} height={item.height} />
      ) : still ? (
        <img
          className="locked-media__picture"
          src={still}
          alt=""
          width={item.width ?? undefined}
          height={item.height ?? undefined}
          loading="lazy"
          decoding="async"
        />
      ) : (
        <div className="locked-media__blank" />
      )}
    </div>
  );
}
