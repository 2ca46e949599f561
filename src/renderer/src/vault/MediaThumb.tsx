import type { MediaKind } from '@shared/domain/media/media';
import './vault.css';
import type { MediaSummary } from './vault-item';
import { clockDuration } from './vault-words';

/** A kind's outline icon, for items without a thumbnail yet (and audio, which has none). */
function KindIcon({ kind }: { kind: MediaKind }) {
  const common = {
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.6,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
    'aria-hidden': true,
    className: 'kind-icon',
  };
  switch (kind) {
    case 'photo':
      return (
        <svg {...common}>
          <rect x="3" y="5" width="18" height="14" rx="2" />
          <circle cx="9" cy="10" r="1.6" />
          <path d="M21 16l-5-5-8 8" />
        </svg>
      );
    case 'video':
      return (
        <svg {...common}>
          <rect x="3" y="6" width="13" height="12" rx="2" />
          <path d="M16 10l5-3v10l-5-3z" />
        </svg>
      );
    case 'audio':
      return (
        <svg {...common}>
          <path d="M9 18V6l11-2v12" />
          <circle cx="6.5" cy="18" r="2.5" />
          <circle cx="17.5" cy="16" r="2.5" />
        </svg>
      );
  }
}

/**
 * An item's picture: its thumbnail, or its kind's icon until there is one; video and audio carry their length
 * as a player shows it. Decorative for assistive technology: the text next to it says the kind and the length
 * (`mediaFacts`).
 */
export function MediaThumb({ media, size = 'tile' }: { media: MediaSummary; size?: 'tile' | 'small' }) {
  const timed = media.kind !== 'photo' && media.durationMs !== null;
  return (
    <span className={`media-thumb media-thumb--${size}`}>
      {media.thumbUrl ? (
        <img src={media.thumbUrl} alt="" loading="lazy" decoding="async" draggable={false} />
      ) : (
        <KindIcon kind={media.kind} />
      )}
      {timed && (
        <span className="duration-badge" aria-hidden="true">
          {clockDuration(media.durationMs!)}
        </span>
      )}
    </span>
  );
}
