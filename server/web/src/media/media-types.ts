import type { PageEntry } from '../api/types';

/**
 * One media item of a post on the creator page (`creators.page`), in the post's order. `thumbUrl` (small,
 * blurred) and `previewUrl` (a 5 s blurred clip of a video, a blurred photo, 15 s of audio) are public; `fullUrl`
 * and `posterUrl` are short-lived signed URLs, sent only on posts the viewer may open. For a photo, `fullUrl` is
 * its WebP and `posterUrl` the same photo as JPEG.
 */
// TODO(H4): once the creators.page answer carries `media`, this becomes `PageEntry['media'][number]`.
export interface PageMedia {
  readonly id: string;
  readonly kind: 'photo' | 'video' | 'audio';
  readonly caption: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly durationMs: number | null;
  readonly thumbUrl: string | null;
  readonly previewUrl: string | null;
  readonly fullUrl?: string | undefined;
  readonly posterUrl?: string | null | undefined;
}

/** A post's media in its order; none on a post without (or from a server that sends none). */
export function mediaOf(entry: PageEntry): readonly PageMedia[] {
  return (entry as { readonly media?: readonly PageMedia[] }).media ?? [];
}
