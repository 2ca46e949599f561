import type { OpenMedia } from './media-types';
import { PhotoPicture } from './PhotoPicture';
import { useSignedMediaRefresh } from './useSignedMediaRefresh';

/** The photo the lightbox shows, as large as it fits, with its caption under it. */
export function LightboxPhoto({
  photo,
  handle,
  label,
}: {
  readonly photo: OpenMedia;
  readonly handle: string;
  readonly label: string;
}) {
  const signed = useSignedMediaRefresh(handle, photo);
  const caption = photo.caption.trim();
  return (
    <figure className="lightbox__figure">
      <PhotoPicture
        photo={photo}
        urls={signed.urls}
        alt={label}
        loading="eager"
        className="lightbox__photo"
        onFailure={signed.recover}
      />
      {caption !== '' ? (
        <figcaption className="lightbox__caption" dir="auto">
          {caption}
        </figcaption>
      ) : null}
    </figure>
  );
}
