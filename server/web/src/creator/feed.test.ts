import { describe, expect, it } from 'vitest';
import type { CreatorPage, PageEntry } from '../api/types';
import { feedReducer, firstPageFailed, initialFeed, mergePosts, reloadLimit, type FeedState } from './feed';

const post = (id: string, day: number, access: 'open' | 'locked' = 'open'): PageEntry =>
  access === 'open'
    ? {
        id,
        title: id,
        publishedAt: `2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
        access,
        body: id,
      }
    : {
        id,
        title: id,
        publishedAt: `2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
        access,
        unlockHint: 'Followers',
        unlocksByFollowing: true,
      };

const page = (posts: PageEntry[], nextCursor: string | null, isFollower = false): CreatorPage => ({
  creator: { id: 'c1', handle: 'ana', displayName: 'Ana' },
  viewer: { signedIn: true, isOwner: false, isFollower },
  posts,
  nextCursor,
});

const ready = (state: FeedState) => {
  if (state.status !== 'ready') throw new Error(`expected a ready feed, got ${state.status}`);
  return state;
};

describe('feedReducer', () => {
  it('shows the first page newest first', () => {
    const state = ready(
      feedReducer(initialFeed, { type: 'firstPageLoaded', page: page([post('a', 1), post('b', 2)], null) }),
    );
    expect(state.posts.map((p) => p.id)).toEqual(['b', 'a']);
  });

  it('appends older posts under the ones shown, without showing one twice', () => {
    let state = feedReducer(initialFeed, {
      type: 'firstPageLoaded',
      page: page([post('d', 4), post('c', 3)], '2025-03-03T10:00:00.000Z'),
    });
    state = feedReducer(state, { type: 'moreRequested' });
    expect(ready(state).loadingMore).toBe(true);
    state = feedReducer(state, { type: 'moreLoaded', page: page([post('c', 3), post('b', 2)], null) });
    expect(ready(state).posts.map((p) => p.id)).toEqual(['d', 'c', 'b']);
    expect(ready(state).nextCursor).toBeNull();
    expect(ready(state).loadingMore).toBe(false);
  });

  it('replaces locked posts with open ones when the page is reloaded after following', () => {
    let state = feedReducer(initialFeed, {
      type: 'firstPageLoaded',
      page: page([post('a', 1, 'locked')], null),
    });
    state = feedReducer(state, { type: 'firstPageLoaded', page: page([post('a', 1, 'open')], null, true) });
    expect(ready(state).posts[0]?.access).toBe('open');
    expect(ready(state).viewer.isFollower).toBe(true);
  });

  it('keeps the posts on screen when loading more fails, and says why', () => {
    let state = feedReducer(initialFeed, { type: 'firstPageLoaded', page: page([post('a', 1)], 'cursor') });
    state = feedReducer(state, { type: 'moreRequested' });
    state = feedReducer(state, { type: 'moreFailed', message: 'offline' });
    expect(ready(state).posts).toHaveLength(1);
    expect(ready(state).moreError).toBe('offline');
    expect(ready(state).nextCursor).toBe('cursor');
  });

  it('keeps the page when a reload fails, but shows the failure when nothing was loaded yet', () => {
    const loaded = feedReducer(initialFeed, { type: 'firstPageLoaded', page: page([post('a', 1)], null) });
    expect(feedReducer(loaded, { type: 'failed', message: 'offline' })).toBe(loaded);
    expect(feedReducer(initialFeed, { type: 'failed', message: 'offline' })).toEqual({
      status: 'failed',
      message: 'offline',
    });
  });

  it('does not ask for more when there is nothing older', () => {
    const state = feedReducer(initialFeed, { type: 'firstPageLoaded', page: page([post('a', 1)], null) });
    expect(feedReducer(state, { type: 'moreRequested' })).toBe(state);
  });

  it('shows not found for an unknown handle', () => {
    expect(feedReducer(initialFeed, { type: 'notFound' })).toEqual({ status: 'notFound' });
  });
});

describe('mergePosts', () => {
  it('orders by publication instant even across time-zone offsets', () => {
    const early: PageEntry = { ...post('early', 1), publishedAt: '2025-03-01T12:00:00+02:00' };
    const late: PageEntry = { ...post('late', 1), publishedAt: '2025-03-01T11:00:00Z' };
    expect(mergePosts([early], [late]).map((p) => p.id)).toEqual(['late', 'early']);
  });
});

describe('reloadLimit', () => {
  it('reloads at least a page and at most what the server allows', () => {
    expect(reloadLimit(0)).toBe(20);
    expect(reloadLimit(35)).toBe(35);
    expect(reloadLimit(120)).toBe(50);
  });
});

describe('firstPageFailed', () => {
  it('shows not found for an unknown or impossible handle, and the reason for anything else', () => {
    expect(firstPageFailed({ code: 'NOT_FOUND', message: 'No creator @zed' })).toEqual({ type: 'notFound' });
    expect(firstPageFailed({ code: 'BAD_REQUEST', message: 'handle is at most 30 characters' })).toEqual({
      type: 'notFound',
    });
    expect(firstPageFailed({})).toMatchObject({ type: 'failed', message: expect.stringMatching(/reached/) });
  });
});
