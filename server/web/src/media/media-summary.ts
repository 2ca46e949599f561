import { formatDuration } from './duration';
import type { PageMedia } from './media-types';

const NAMES: Readonly<Record<PageMedia['kind'], readonly [one: string, many: string]>> = {
  photo: ['photo', 'photos'],
  video: ['video', 'videos'],
  audio: ['audio track', 'audio tracks'],
};

const ORDER: readonly PageMedia['kind'][] = ['photo', 'video', 'audio'];

/**
 * What a locked post holds, in words: `3 photos · 1 video, 2:05`. Kinds in a fixed order (photos, videos, audio);
 * videos and audio with their total length when it is known. Empty for a post without media.
 */
export function mediaSummary(media: readonly PageMedia[]): string {
  return ORDER.flatMap((kind) => {
    const items = media.filter((item) => item.kind === kind);
    if (items.length === 0) return [];
    const [one, many] = NAMES[kind];
    const count = `${items.length} ${items.length === 1 ? one : many}`;
    const length = kind === 'photo' ? null : totalDuration(items);
    return [length === null ? count : `${count}, ${formatDuration(length)}`];
  }).join(' · ');
}

/** The sum of the lengths known; null when none is. */
function totalDuration(items: readonly PageMedia[]): number | null {
  const known = items.flatMap((item) =>
    item.durationMs !== null && item.durationMs > 0 ? [item.durationMs] : [],
  );
  return known.length === 0 ? null : known.reduce((sum, ms) => sum + ms, 0);
}
