import { useCallback, useEffect, useState } from 'react';
import { ModalDialog } from '../layout/ModalDialog';
import { lightboxCounter, lightboxTitle, stepForKey, stepPhoto } from './lightbox';
import { mediaLabel } from './media-layout';
import type { OpenMedia } from './media-types';
import { LightboxPhoto } from './LightboxPhoto';

interface PhotoLightboxProps {
  readonly photos: readonly OpenMedia[];
  readonly handle: string;
  /** The photo it opens at. */
  readonly start: number;
  readonly onClosed: () => void;
}

/**
 * A post's photos one at a time, large, in a modal dialog named after the photo shown ("Photo 2 of 5"): ← and →
 * or Previous and Next go through them (round from the last to the first), Escape or Close closes it and the
 * focus goes back to the tile that opened it (ModalDialog).
 */
export function PhotoLightbox({ photos, handle, start, onClosed }: PhotoLightboxProps) {
  const [index, setIndex] = useState(start);
  const count = photos.length;
  const step = useCallback((by: number) => setIndex((shown) => stepPhoto(shown, by, count)), [count]);

  useEffect(() => {
    if (count < 2) return;
    // On the document: the dialog is modal, so every key pressed goes to it, the Close button's too.
    const onKeyDown = (event: KeyboardEvent) => {
      const by = event.defaultPrevented ? null : stepForKey(event);
      if (by === null) return;
      event.preventDefault();
      step(by);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [count, step]);

  const photo = photos[index];
  if (photo === undefined) return null;
  return (
    <ModalDialog
      title={lightboxTitle(index, count)}
      subtitle={<span dir="auto">@{handle}</span>}
      onClosed={onClosed}
    >
      {() => (
        <div className="lightbox" data-testid="photo-lightbox">
          {/* Keyed by photo: each one starts from the URLs the page has now. */}
          <LightboxPhoto
            key={photo.id}
            photo={photo}
            handle={handle}
            label={mediaLabel(photo, index + 1, count, handle)}
          />
          {count > 1 ? (
            <div className="lightbox__nav">
              <button type="button" className="button" onClick={() => step(-1)}>
                <span aria-hidden="true">‹</span> Previous<span className="visually-hidden"> photo</span>
              </button>
              <p className="lightbox__counter" aria-live="polite" aria-atomic="true">
                {lightboxCounter(index, count)}
              </p>
              <button type="button" className="button" onClick={() => step(1)}>
                Next<span className="visually-hidden"> photo</span> <span aria-hidden="true">›</span>
              </button>
            </div>
          ) : null}
        </div>
      )}
    </ModalDialog>
  );
}
