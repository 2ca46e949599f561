import { useState } from 'react';
import { mediaLabel, photoGridLayout } from './media-layout';
import type { OpenMedia } from './media-types';
import { PhotoLightbox } from './PhotoLightbox';
import { PhotoTile } from './PhotoTile';

interface PhotoGridProps {
  readonly photos: readonly OpenMedia[];
  readonly handle: string;
}

/**
 * An open post's photos: one full width, two to four in a grid, and beyond four the last tile says "+N". Each
 * tile opens the lightbox at its photo; the lightbox pages through all of them.
 */
export function PhotoGrid({ photos, handle }: PhotoGridProps) {
  const [opened, setOpened] = useState<number | null>(null);
  const layout = photoGridLayout(photos.length);
  if (layout === null) return null;
  return (
    <>
      <ul
        className={`media-grid media-grid--${layout.shape}`}
        data-testid="media-grid"
        aria-label={photos.length === 1 ? 'Photo' : `${photos.length} photos`}
      >
        {photos.slice(0, layout.shown).map((photo, index) => (
          <li key={photo.id} className="media-grid__tile">
            <PhotoTile
              photo={photo}
              handle={handle}
              label={mediaLabel(photo, index + 1, photos.length, handle)}
              more={index === layout.shown - 1 ? layout.more : 0}
              single={layout.shape === 'single'}
              onOpen={() => setOpened(index)}
            />
          </li>
        ))}
      </ul>
      {opened !== null ? (
        <PhotoLightbox photos={photos} handle={handle} start={opened} onClosed={() => setOpened(null)} />
      ) : null}
    </>
  );
}
