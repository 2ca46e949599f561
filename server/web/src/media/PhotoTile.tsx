import type { OpenMedia } from './media-types';
import { PhotoPicture } from './PhotoPicture';
import { useSignedMediaRefresh } from './useSignedMediaRefresh';

interface PhotoTileProps {
  readonly photo: OpenMedia;
  readonly handle: string;
  /** Its caption, or `Photo 2 of 5 by @ana`: the photo's alt text and so the button's name. */
  readonly label: string;
  /** Photos after this one that have no tile ("+N"); 0 on every tile but the last. */
  readonly more: number;
  /** The post's only photo: shown whole rather than cropped to the grid's cells. */
  readonly single: boolean;
  readonly onOpen: () => void;
}

/** One photo of the grid, as a button that opens it in the lightbox. */
export function PhotoTile({ photo, handle, label, more, single, onOpen }: PhotoTileProps) {
  const signed = useSignedMediaRefresh(handle, photo);
  return (
    <button
      type="button"
      className="media-grid__open"
      data-testid="media-photo"
      data-media-id={photo.id}
      aria-haspopup="dialog"
      onClick={(event) => {
        // The lightbox gives the focus back to what had it; Safari does not focus a clicked button.
        event.currentTarget.focus();
        onOpen();
      }}
    >
      <PhotoPicture
        photo={photo}
        urls={signed.urls}
        alt={label}
        loading="lazy"
        className={single ? 'media-grid__photo media-grid__photo--whole' : 'media-grid__photo'}
        onFailure={signed.recover}
      />
      {more > 0 ? (
        <span className="media-grid__more">
          <span aria-hidden="true">+{more}</span>
          <span className="visually-hidden">, and {more} more</span>
        </span>
      ) : null}
    </button>
  );
}
