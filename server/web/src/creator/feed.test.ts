import { describe, expect, it } from 'vitest';
import type { CreatorPage, PageEntry } from '../api/types';
import { feedView, isMissingCreator, mergePosts, postsOf, type FeedView } from './feed';

const post = (id: string, day: number, access: 'open' | 'locked' = 'open'): PageEntry =>
  access === 'open'
    ? {
        id,
        title: id,
        publishedAt: `2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
        access,
        body: id,
        media: [],
      }
    : {
        id,
        title: id,
        publishedAt: `2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
        access,
        media: [],
        unlockHint: 'Followers',
        unlocksByFollowing: true,
      };

const page = (posts: PageEntry[], nextCursor: string | null, isFollower = false): CreatorPage => ({
  creator: {
    id: 'c1',
    handle: 'ana',
    displayName: 'Ana',
    bio: '',
    links: [],
    accentColor: '#5b4bdb',
  },
  viewer: { signedIn: true, isOwner: false, isFollower },
  posts,
  nextCursor,
});

// The shape of a TRPCClientError as the client throws it: the code sits in `data`.
const trpcError = (code: string, message = code) => Object.assign(new Error(message), { data: { code } });

const ready = (view: FeedView) => {
  if (view.status !== 'ready') throw new Error(`expected a ready page, got ${view.status}`);
  return view;
};

describe('feedView', () => {
  it('is loading until the first page arrives', () => {
    expect(feedView({ data: undefined, error: null, isFetchNextPageError: false })).toEqual({
      status: 'loading',
    });
  });

  it('shows the loaded pages newest first, as one list without duplicates', () => {
    const view = ready(
      feedView({
        data: {
          pages: [page([post('d', 4), post('c', 3)], 'cursor'), page([post('c', 3), post('b', 2)], null)],
        },
        error: null,
        isFetchNextPageError: false,
      }),
    );
    expect(view.posts.map((p) => p.id)).toEqual(['d', 'c', 'b']);
    expect(view.creator.handle).toBe('ana');
    expect(view.moreError).toBeNull();
  });

  it('reads the viewer from the freshest page, so following opens the posts', () => {
    const view = ready(
      feedView({
        data: { pages: [page([post('a', 1, 'open')], null, true)] },
        error: null,
        isFetchNextPageError: false,
      }),
    );
    expect(view.viewer.isFollower).toBe(true);
    expect(view.posts[0]?.access).toBe('open');
  });

  it('keeps what is shown when a refresh fails', () => {
    const view = feedView({
      data: { pages: [page([post('a', 1)], null)] },
      error: new TypeError('Failed to fetch'),
      isFetchNextPageError: false,
    });
    expect(ready(view).posts).toHaveLength(1);
    expect(ready(view).moreError).toBeNull();
  });

  it('keeps the posts when loading more fails, and says why', () => {
    const view = feedView({
      data: { pages: [page([post('a', 1)], 'cursor')] },
      error: new TypeError('Failed to fetch'),
      isFetchNextPageError: true,
    });
    expect(ready(view).posts).toHaveLength(1);
    expect(ready(view).moreError).toMatch(/can't be reached/);
  });

  it('shows not found for an unknown or impossible handle, and the reason for anything else', () => {
    const first = (error: unknown) => feedView({ data: undefined, error, isFetchNextPageError: false });
    expect(first(trpcError('NOT_FOUND', 'No creator @zed'))).toEqual({ status: 'notFound' });
    expect(first(trpcError('BAD_REQUEST', 'handle is at most 30 characters'))).toEqual({
      status: 'notFound',
    });
    expect(first(new TypeError('Failed to fetch'))).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/reached/),
    });
    expect(first(trpcError('INTERNAL_SERVER_ERROR', 'boom'))).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/went wrong/),
    });
  });
});

describe('isMissingCreator', () => {
  it('is true only for the answers that mean there is no such creator', () => {
    expect(isMissingCreator(trpcError('NOT_FOUND'))).toBe(true);
    expect(isMissingCreator(trpcError('BAD_REQUEST'))).toBe(true);
    expect(isMissingCreator(trpcError('FORBIDDEN'))).toBe(false);
    expect(isMissingCreator(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('postsOf', () => {
  it('is empty before any page and for a creator without posts', () => {
    expect(postsOf([])).toEqual([]);
    expect(postsOf([page([], null)])).toEqual([]);
  });
});

describe('mergePosts', () => {
  it('appends older posts under the ones shown, without showing one twice', () => {
    expect(mergePosts([post('d', 4), post('c', 3)], [post('c', 3), post('b', 2)]).map((p) => p.id)).toEqual([
      'd',
      'c',
      'b',
    ]);
  });

  it('orders by publication instant even across time-zone offsets', () => {
    const early: PageEntry = { ...post('early', 1), publishedAt: '2025-03-01T12:00:00+02:00' };
    const late: PageEntry = { ...post('late', 1), publishedAt: '2025-03-01T11:00:00Z' };
    expect(mergePosts([early], [late]).map((p) => p.id)).toEqual(['late', 'early']);
  });
});
