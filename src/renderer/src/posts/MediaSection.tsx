import { useEffect, useState, type KeyboardEvent } from 'react';
import { POST_CAPTION_MAX, POST_MEDIA_MAX, type PostMedia } from '@shared/domain/posts/post';
import { charCount } from '../forms/char-count';
import { Field } from '../forms/Field';
import { useAppDispatch } from '../store/hooks';
import { MediaThumb } from '../vault/MediaThumb';
import { useMediaSummaries } from '../vault/use-media-summaries';
import type { MediaSummary } from '../vault/vault-item';
import { VaultPicker } from '../vault/VaultPicker';
import { mediaFacts } from '../vault/vault-words';
import { captionChanged, mediaAdded, mediaMoved, mediaRemoved } from './editor-slice';
import { moveForKey } from './post-media-list';

/** The id of an item's caption field (the error summary links to it). */
export const captionFieldId = (mediaId: string) => `post-caption-${mediaId}`;
export const ADD_MEDIA_ID = 'post-media-add';

function titleOf(summary: MediaSummary | null | undefined): string {
  if (summary === undefined) return 'Loading…';
  if (summary === null) return 'Not in your vault any more';
  return summary.title;
}

function MediaRow({
  item,
  index,
  count,
  summary,
  error,
  onMoved,
}: {
  item: PostMedia;
  index: number;
  count: number;
  summary: MediaSummary | null | undefined;
  error: string | undefined;
  onMoved: (title: string, to: number, focused: string | null) => void;
}) {
  const dispatch = useAppDispatch();
  const title = titleOf(summary);
  const caption = charCount(item.caption, POST_CAPTION_MAX);
  const move = (delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= count) return;
    // Moving the row in the page can take focus from what was focused in it: it is put back after.
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.id || null : null;
    dispatch(mediaMoved({ index, delta }));
    onMoved(title, target, focused);
  };
  // Alt+↑/↓ (Home/End) move the item from anywhere in its row: its buttons, or while writing its caption.
  const onKeyDown = (event: KeyboardEvent) => {
    const delta = moveForKey(event.key, event.altKey, index, count);
    if (delta === null) return;
    event.preventDefault();
    move(delta);
  };

  return (
    <li className="post-media__item" onKeyDown={onKeyDown}>
      {summary ? (
        <MediaThumb media={summary} size="small" />
      ) : (
        <span className="media-thumb media-thumb--small" />
      )}
      <div className="post-media__body">
        <p className="post-media__title" dir="auto">
          <span className="sr-only">{`${index + 1} of ${count}: `}</span>
          {title}
          {summary && <span className="muted small"> · {mediaFacts(summary)}</span>}
        </p>
        <Field
          label={`Caption for ${summary ? summary.title : `item ${index + 1}`}`}
          id={captionFieldId(item.mediaId)}
          error={error}
          hint={item.caption === '' ? undefined : { text: caption.text, warn: caption.over }}
        >
          {(id, errorLink) => (
            <input
              id={id}
              dir="auto"
              value={item.caption}
              placeholder="Optional"
              onChange={(event) =>
                dispatch(captionChanged({ mediaId: item.mediaId, caption: event.target.value }))
              }
              {...errorLink}
            />
          )}
        </Field>
      </div>
      <div className="post-media__actions">
        {/* aria-disabled rather than disabled: a button that becomes disabled under focus drops it. */}
        <button
          type="button"
          id={`post-media-up-${item.mediaId}`}
          className="button button--small"
          aria-disabled={index === 0}
          aria-label={`Move ${title} up`}
          aria-keyshortcuts="Alt+ArrowUp"
          onClick={() => move(-1)}
        >
          Up
        </button>
        <button
          type="button"
          id={`post-media-down-${item.mediaId}`}
          className="button button--small"
          aria-disabled={index === count - 1}
          aria-label={`Move ${title} down`}
          aria-keyshortcuts="Alt+ArrowDown"
          onClick={() => move(1)}
        >
          Down
        </button>
        <button
          type="button"
          className="button button--small button--danger-quiet"
          aria-label={`Remove ${title} from this post`}
          onClick={() => dispatch(mediaRemoved(item.mediaId))}
        >
          Remove
        </button>
      </div>
    </li>
  );
}

/**
 * A post's photos, videos and audio in the order fans see them: picked from the vault, each with a caption,
 * moved with Up and Down (or Alt+↑ and Alt+↓), removed; at most POST_MEDIA_MAX.
 */
export function MediaSection({
  accountId,
  media,
  error,
  captionErrors,
}: {
  accountId: string;
  media: readonly PostMedia[];
  error: string | undefined;
  captionErrors: Readonly<Record<string, string>> | undefined;
}) {
  const dispatch = useAppDispatch();
  const [picking, setPicking] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // The control that had focus when an item moved, focused again once the list is redrawn.
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (refocus === null) return;
    const element = document.getElementById(refocus);
    if (element !== document.activeElement) element?.focus();
    setRefocus(null);
  }, [refocus, media]);
  const summaries = useMediaSummaries(
    accountId,
    media.map((item) => item.mediaId),
  );
  const room = POST_MEDIA_MAX - media.length;

  return (
    <fieldset className="post-media">
      <legend>Media</legend>
      {media.length === 0 ? (
        <p className="muted small">No photos, videos or audio yet.</p>
      ) : (
        <ol className="post-media__list" aria-describedby="post-media-hint">
          {media.map((item, index) => (
            <MediaRow
              key={item.mediaId}
              item={item}
              index={index}
              count={media.length}
              summary={summaries[item.mediaId]}
              error={captionErrors?.[item.mediaId]}
              onMoved={(title, to) =>
                setAnnouncement(`${title} moved to position ${to + 1} of ${media.length}.`)
              }
            />
          ))}
        </ol>
      )}
      <p id="post-media-hint" className="muted small">
        {media.length === 0
          ? `Up to ${POST_MEDIA_MAX} items.`
          : `${media.length} of ${POST_MEDIA_MAX}. Fans see them in this order; Alt+↑ and Alt+↓ move the item you are on.`}
      </p>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {error && <p className="field-error">{error}</p>}
      <button
        type="button"
        id={ADD_MEDIA_ID}
        className="button"
        disabled={room <= 0}
        onClick={() => setPicking(true)}
      >
        Add from vault
      </button>
      {picking && (
        <VaultPicker
          accountId={accountId}
          taken={new Set(media.map((item) => item.mediaId))}
          room={room}
          onClose={() => setPicking(false)}
          onPick={(ids) => {
            dispatch(mediaAdded(ids));
            setPicking(false);
          }}
        />
      )}
    </fieldset>
  );
}
