import { describe, expect, it } from 'vitest';
import type { LocalPost } from '@shared/domain/posts/local-post';
import type { StudioState } from '@shared/domain/sync/status';
import {
  postById,
  postRemoved,
  postsLoaded,
  postsLoading,
  postsNeedingAttention,
  postStored,
} from './posts-slice';
import { createAppStore } from './store';
import { activeAccount, linkLost, stateReceived } from './studio-slice';
import {
  accessChanged,
  accessModeChosen,
  editorClosed,
  editorSaved,
  newPostStarted,
  postOpened,
  screenChosen,
  textChanged,
} from './ui-slice';

function post(id: string, change: Partial<LocalPost> = {}): LocalPost {
  return {
    id,
    creatorId: 'c1',
    title: `Post ${id}`,
    body: 'Body',
    accessRule: { kind: 'public' },
    status: 'draft',
    version: 1,
    publishedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    syncState: 'synced',
    syncError: null,
    serverVersion: null,
    ...change,
  };
}

const signedIn: StudioState = {
  accounts: [
    {
      id: 'a1',
      serverUrl: 'http://127.0.0.1:4000',
      email: 'ana@example.com',
      handle: 'ana',
      displayName: 'Ana',
      role: 'creator',
    },
  ],
  activeAccountId: 'a1',
  sync: {
    state: 'online',
    serverUrl: 'http://127.0.0.1:4000',
    pending: 0,
    lastSyncedAt: null,
    lastError: null,
  },
};

describe('studio slice', () => {
  it('knows the active account from the latest StudioState', () => {
    const store = createAppStore();
    expect(activeAccount(store.getState().studio)).toBeNull();
    store.dispatch(stateReceived(signedIn));
    expect(activeAccount(store.getState().studio)?.displayName).toBe('Ana');
    store.dispatch(stateReceived({ ...signedIn, activeAccountId: null }));
    expect(activeAccount(store.getState().studio)).toBeNull();
  });

  it('says when the link to the studio is lost, and recovers on the next state', () => {
    const store = createAppStore();
    store.dispatch(linkLost('The studio is not reachable.'));
    expect(store.getState().studio).toMatchObject({
      link: 'lost',
      linkError: 'The studio is not reachable.',
    });
    store.dispatch(stateReceived(signedIn));
    expect(store.getState().studio).toMatchObject({ link: 'ready', linkError: null });
  });
});

describe('posts slice', () => {
  it('never shows one account’s posts under another', () => {
    const store = createAppStore();
    store.dispatch(postsLoaded({ accountId: 'a1', posts: [post('p1')] }));
    store.dispatch(postsLoading({ accountId: 'a1' }));
    expect(store.getState().posts.items).toHaveLength(1);
    store.dispatch(postsLoading({ accountId: 'a2' }));
    expect(store.getState().posts.items).toEqual([]);
  });

  it('shows a stored post at once: replaced in place, or new at the top', () => {
    const store = createAppStore();
    store.dispatch(postsLoaded({ accountId: 'a1', posts: [post('p1'), post('p2')] }));
    store.dispatch(postStored(post('p2', { title: 'Renamed', syncState: 'pending' })));
    store.dispatch(postStored(post('p3')));
    const { posts } = store.getState();
    expect(posts.items.map((item) => item.id)).toEqual(['p3', 'p1', 'p2']);
    expect(postById(posts, 'p2')?.title).toBe('Renamed');
    store.dispatch(postRemoved('p1'));
    expect(store.getState().posts.items.map((item) => item.id)).toEqual(['p3', 'p2']);
  });

  it('counts conflicts and refused changes as needing attention', () => {
    const store = createAppStore();
    store.dispatch(
      postsLoaded({
        accountId: 'a1',
        posts: [
          post('p1', { syncState: 'conflict' }),
          post('p2', { syncState: 'rejected' }),
          post('p3', { syncState: 'pending' }),
        ],
      }),
    );
    expect(postsNeedingAttention(store.getState().posts)).toBe(2);
  });
});

describe('ui slice', () => {
  it('opens an empty public draft for a new post', () => {
    const store = createAppStore();
    store.dispatch(screenChosen('accounts'));
    store.dispatch(newPostStarted());
    const { ui } = store.getState();
    expect(ui.screen).toBe('content');
    expect(ui.editor).toMatchObject({
      postId: null,
      title: '',
      body: '',
      dirty: false,
      access: { mode: 'public' },
    });
  });

  it('opens an existing post with its rule in the picker, and marks typing as unsaved', () => {
    const store = createAppStore();
    store.dispatch(postOpened(post('p1', { accessRule: { kind: 'subscriber', minTier: 'gold' } })));
    expect(store.getState().ui.editor).toMatchObject({
      postId: 'p1',
      access: { mode: 'subscriber', minTier: 'gold' },
    });
    store.dispatch(textChanged({ title: 'New title' }));
    store.dispatch(accessChanged({ minTier: 'silver' }));
    expect(store.getState().ui.editor).toMatchObject({
      title: 'New title',
      dirty: true,
      access: { minTier: 'silver' },
    });
    store.dispatch(accessModeChosen('expression'));
    expect(store.getState().ui.editor?.access.expression).toBe('subscriber(silver)');
  });

  it('keeps editing a new post as that post once it is saved', () => {
    const store = createAppStore();
    store.dispatch(newPostStarted());
    store.dispatch(textChanged({ body: 'Hello' }));
    store.dispatch(editorSaved(post('p9')));
    expect(store.getState().ui.editor).toMatchObject({ postId: 'p9', body: 'Hello', dirty: false });
    store.dispatch(editorClosed());
    expect(store.getState().ui.editor).toBeNull();
  });
});
