import { POST_MEDIA_MAX, type PostMedia } from '@shared/domain/posts/post';

/**
 * A post's media as the editor changes it: pure list operations, each returning a new list (the same one when
 * nothing can change), so the slice and the tests agree on what a button press does.
 */

/** `list` with the item at `index` moved by `delta` places (−1: up, +1: down), kept inside the list. */
export function moveMedia(list: PostMedia[], index: number, delta: number): PostMedia[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta));
  if (index < 0 || index >= list.length || target === index) return list;
  const next = [...list];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved!);
  return next;
}

/** `list` without media item `mediaId`. */
export function removeMedia(list: PostMedia[], mediaId: string): PostMedia[] {
  const next = list.filter((item) => item.mediaId !== mediaId);
  return next.length === list.length ? list : next;
}

/** `list` with the caption of `mediaId` replaced. */
export function captionMedia(list: PostMedia[], mediaId: string, caption: string): PostMedia[] {
  return list.map((item) => (item.mediaId === mediaId ? { ...item, caption } : item));
}

/**
 * `list` with the picked items added at its end, in the order picked, leaving out those already in it; at most
 * POST_MEDIA_MAX in all. `skipped` says how many picks did not fit.
 */
export function addMedia(
  list: PostMedia[],
  picked: readonly string[],
): { readonly list: PostMedia[]; readonly skipped: number } {
  const present = new Set(list.map((item) => item.mediaId));
  const fresh = [...new Set(picked)].filter((id) => !present.has(id));
  const room = Math.max(0, POST_MEDIA_MAX - list.length);
  const added = fresh.slice(0, room).map((mediaId) => ({ mediaId, caption: '' }));
  return { list: added.length === 0 ? list : [...list, ...added], skipped: fresh.length - added.length };
}

/** Where a key press on a media item moves it: Alt+↑ / Alt+↓ one place, Alt+Home / Alt+End to either end. */
export function moveForKey(key: string, altKey: boolean, index: number, length: number): number | null {
  if (!altKey) return null;
  switch (key) {
    case 'ArrowUp':
      return index > 0 ? -1 : null;
    case 'ArrowDown':
      return index < length - 1 ? 1 : null;
    case 'Home':
      return index > 0 ? -index : null;
    case 'End':
      return index < length - 1 ? length - 1 - index : null;
    default:
      return null;
  }
}
