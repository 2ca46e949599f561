import type { PageMedia } from './media-types';
import type { MediaFailure, SignedUrls } from './signed-url';

interface PhotoPictureProps {
  readonly photo: PageMedia;
  readonly urls: SignedUrls;
  readonly alt: string;
  readonly loading: 'lazy' | 'eager';
  readonly className?: string;
  readonly onFailure: (failure: MediaFailure, url: string) => void;
}

/**
 * An open photo: its WebP, or the JPEG for a browser without WebP (`posterUrl`). Its width and height are set
 * so the page keeps its place while it loads.
 */
export function PhotoPicture({ photo, urls, alt, loading, className, onFailure }: PhotoPictureProps) {
  const { fullUrl, posterUrl } = urls;
  return (
    <picture>
      {posterUrl ? <source type="image/webp" srcSet={fullUrl} /> : null}
      <img
        className={className}
        src={posterUrl ?? fullUrl}
        alt={alt}
        width={photo.width ?? undefined}
        height={photo.height ?? undefined}
        loading={loading}
        decoding="async"
        onError={(event) => onFailure('unreadable', event.currentTarget.currentSrc || fullUrl)}
      />
    </picture>
  );
}
