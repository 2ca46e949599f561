import type { PageMedia } from './media-types';

/** What an open post shows of its media: one grid of all its photos, and each video and audio item. */
export type MediaSegment<M extends PageMedia = PageMedia> =
  | { readonly kind: 'photos'; readonly photos: readonly M[] }
  | {
      readonly kind: 'video' | 'audio';
      readonly item: M;
      readonly position: number;
      readonly count: number;
    };

/**
 * A post's media in its order, with every photo gathered into one grid where the first photo stands, so the
 * lightbox pages through all of the post's photos ("Photo 4 of 5"), however they were mixed with videos. Videos
 * and audio keep their places, each with its number among the items of its kind.
 */
export function mediaSegments<M extends PageMedia>(media: readonly M[]): readonly MediaSegment<M>[] {
  const photos = media.filter((item) => item.kind === 'photo');
  const countOf = (kind: PageMedia['kind']) => media.filter((item) => item.kind === kind).length;
  const seen = { video: 0, audio: 0 };
  const segments: MediaSegment<M>[] = [];
  for (const item of media) {
    if (item.kind === 'photo') {
      if (item === photos[0]) segments.push({ kind: 'photos', photos });
      continue;
    }
    seen[item.kind] += 1;
    segments.push({ kind: item.kind, item, position: seen[item.kind], count: countOf(item.kind) });
  }
  return segments;
}

/** The most photos a grid shows; the last one shown says how many more there are. */
export const GRID_MAX_TILES = 4;

export interface PhotoGridLayout {
  /** How the tiles are laid out: one full width, two side by side, one over two, or two by two. */
  readonly shape: 'single' | 'pair' | 'triple' | 'quad';
  /** How many photos have a tile (the first ones). */
  readonly shown: number;
  /** Photos without a tile, said as "+N" on the last tile; they are in the lightbox. */
  readonly more: number;
}

const SHAPES = ['single', 'pair', 'triple', 'quad'] as const;

/** The grid for a post's photos: 1 full width, 2 to 4 in a grid, and beyond 4 the fourth tile says "+N". */
export function photoGridLayout(count: number): PhotoGridLayout | null {
  if (count < 1) return null;
  const shown = Math.min(count, GRID_MAX_TILES);
  return { shape: SHAPES[shown - 1] ?? 'quad', shown, more: count - shown };
}

const KIND_WORDS: Readonly<Record<PageMedia['kind'], string>> = {
  photo: 'Photo',
  video: 'Video',
  audio: 'Audio',
};

/**
 * An item's text alternative: its caption, or where it has none which item it is and whose, as in
 * `Photo 2 of 5 by @ana` (`Photo by @ana` when it is the only one of its kind).
 */
export function mediaLabel(
  item: Pick<PageMedia, 'kind' | 'caption'>,
  position: number,
  count: number,
  handle: string,
): string {
  const caption = item.caption.trim();
  if (caption !== '') return caption;
  const which = count > 1 ? ` ${position} of ${count}` : '';
  return `${KIND_WORDS[item.kind]}${which} by @${handle}`;
}
