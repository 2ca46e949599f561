import { describe, expect, it } from 'vitest';
import { POST_MEDIA_MAX, type PostMedia } from '@shared/domain/posts/post';
import { addMedia, captionMedia, moveForKey, moveMedia, removeMedia } from './post-media-list';

const media = (...ids: string[]): PostMedia[] =>
  ids.map((mediaId) => ({ mediaId, caption: `on ${mediaId}` }));
const ids = (list: readonly PostMedia[]) => list.map((item) => item.mediaId);

describe('a post’s media list', () => {
  it('moves an item up and down one place, with its caption, and not past either end', () => {
    const list = media('a', 'b', 'c');
    expect(ids(moveMedia(list, 2, -1))).toEqual(['a', 'c', 'b']);
    expect(moveMedia(list, 2, -1)[1]).toEqual({ mediaId: 'c', caption: 'on c' });
    expect(ids(moveMedia(list, 0, 1))).toEqual(['b', 'a', 'c']);
    expect(moveMedia(list, 0, -1)).toBe(list);
    expect(moveMedia(list, 2, 1)).toBe(list);
    expect(ids(moveMedia(list, 0, 10))).toEqual(['b', 'c', 'a']);
    expect(moveMedia(list, 5, -1)).toBe(list);
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });

  it('adds picks at the end in the order picked, once each, up to the limit', () => {
    const { list, skipped } = addMedia(media('a'), ['c', 'a', 'b', 'c']);
    expect(ids(list)).toEqual(['a', 'c', 'b']);
    expect(list[1]).toEqual({ mediaId: 'c', caption: '' });
    expect(skipped).toBe(0);
    const full = media(...Array.from({ length: POST_MEDIA_MAX - 1 }, (_, i) => `m${i}`));
    const over = addMedia(full, ['x', 'y', 'z']);
    expect(over.list).toHaveLength(POST_MEDIA_MAX);
    expect(over.list.at(-1)?.mediaId).toBe('x');
    expect(over.skipped).toBe(2);
  });

  it('removes an item and changes one caption', () => {
    expect(ids(removeMedia(media('a', 'b'), 'a'))).toEqual(['b']);
    const list = media('a');
    expect(removeMedia(list, 'zz')).toBe(list);
    expect(captionMedia(media('a', 'b'), 'b', 'Sunset')).toEqual([
      { mediaId: 'a', caption: 'on a' },
      { mediaId: 'b', caption: 'Sunset' },
    ]);
  });

  it('moves with Alt and the arrows, Home and End, and leaves other keys alone', () => {
    expect(moveForKey('ArrowUp', true, 1, 3)).toBe(-1);
    expect(moveForKey('ArrowUp', true, 0, 3)).toBeNull();
    expect(moveForKey('ArrowDown', true, 1, 3)).toBe(1);
    expect(moveForKey('ArrowDown', true, 2, 3)).toBeNull();
    expect(moveForKey('Home', true, 2, 3)).toBe(-2);
    expect(moveForKey('End', true, 0, 3)).toBe(2);
    expect(moveForKey('ArrowUp', false, 1, 3)).toBeNull();
    expect(moveForKey('a', true, 1, 3)).toBeNull();
  });
});
