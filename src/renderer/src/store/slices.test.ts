import { describe, expect, it } from 'vitest';
import type { LocalPost } from '@shared/domain/posts/local-post';
import type { StudioState } from '@shared/domain/sync/status';
import {
  accessChanged,
  accessModeChosen,
  anyUnsavedChanges,
  changesDiscarded,
  editorClosed,
  editorSaved,
  hasUnsavedChanges,
  newPostStarted,
  postOpened,
  textChanged,
} from '../posts/editor-slice';
import {
  postById,
  postsGone,
  postsLoaded,
  postsLoading,
  postsNeedingAttention,
  postsStored,
  selectPosts,
} from '../posts/posts-slice';
import {
  anyUnsavedProfile,
  hasUnsavedProfile,
  profileDraft,
  profileEdited,
  profileEditsDropped,
  profileLoading,
  profileStored,
} from '../profile/profile-slice';
import { anyUnsavedEdits } from '../shell/use-unsaved-guard';
import { createAppStore } from './store';
import { activeAccount, linkLost, stateReceived } from './studio-slice';

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
      sync: {
        state: 'online',
        serverUrl: 'http://127.0.0.1:4000',
        pending: 0,
        lastSyncedAt: null,
        lastError: null,
      },
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
  localServerUrl: null,
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
  const ids = (store: ReturnType<typeof createAppStore>) =>
    selectPosts(store.getState().posts).map((p) => p.id);

  it('never shows one account’s posts under another', () => {
    const store = createAppStore();
    store.dispatch(postsLoading({ accountId: 'a1' }));
    store.dispatch(postsLoaded({ accountId: 'a1', posts: [post('p1')] }));
    store.dispatch(postsLoading({ accountId: 'a1' }));
    expect(ids(store)).toEqual(['p1']);
    store.dispatch(postsLoading({ accountId: 'a2' }));
    expect(ids(store)).toEqual([]);
    // A late answer for the account no longer shown changes nothing.
    store.dispatch(postsLoaded({ accountId: 'a1', posts: [post('p1')] }));
    store.dispatch(postsStored({ accountId: 'a1', posts: [post('p2')] }));
    expect(ids(store)).toEqual([]);
  });

  it('updates by id: a changed post in place, a new one in date order, a gone one removed', () => {
    const store = createAppStore();
    store.dispatch(postsLoading({ accountId: 'a1' }));
    store.dispatch(
      postsLoaded({
        accountId: 'a1',
        posts: [post('p1', { createdAt: '2025-01-02T00:00:00.000Z' }), post('p2')],
      }),
    );
    store.dispatch(
      postsStored({ accountId: 'a1', posts: [post('p2', { title: 'Renamed', syncState: 'pending' })] }),
    );
    store.dispatch(
      postsStored({ accountId: 'a1', posts: [post('p3', { createdAt: '2025-01-03T00:00:00.000Z' })] }),
    );
    expect(ids(store)).toEqual(['p3', 'p1', 'p2']);
    expect(postById(store.getState().posts, 'p2')?.title).toBe('Renamed');
    store.dispatch(postsGone({ accountId: 'a1', ids: ['p1'] }));
    expect(ids(store)).toEqual(['p3', 'p2']);
  });

  it('counts conflicts and refused changes as needing attention', () => {
    const store = createAppStore();
    store.dispatch(postsLoading({ accountId: 'a1' }));
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

const storedProfile = {
  creatorId: 'a1',
  displayName: 'Ana',
  bio: '',
  links: [],
  accentColor: '#5b4bdb',
  version: 1,
  updatedAt: null,
  syncState: 'synced' as const,
  syncError: null,
  serverVersion: null,
};

describe('profile slice', () => {
  it('keeps only the shown account’s profile', () => {
    const store = createAppStore();
    const profile = {
      creatorId: 'a1',
      displayName: 'Ana',
      bio: '',
      links: [],
      accentColor: '#5b4bdb',
      version: 0,
      updatedAt: null,
      syncState: 'synced' as const,
      syncError: null,
      serverVersion: null,
    };
    store.dispatch(profileLoading({ accountId: 'a1' }));
    store.dispatch(profileStored({ accountId: 'a1', profile }));
    expect(store.getState().profile.profile?.displayName).toBe('Ana');
    store.dispatch(profileLoading({ accountId: 'a2' }));
    store.dispatch(profileStored({ accountId: 'a1', profile }));
    expect(store.getState().profile.profile).toBeNull();
  });

  it('keeps unsaved profile edits per account, as the post editor keeps drafts, until saved or discarded', () => {
    const store = createAppStore();
    const profile = { ...storedProfile, displayName: 'Ana' };
    const edited = { displayName: 'Ana', bio: 'Pots, not saved.', links: [], accentColor: '#5b4bdb' };
    store.dispatch(profileLoading({ accountId: 'a1' }));
    store.dispatch(profileStored({ accountId: 'a1', profile }));
    expect(hasUnsavedProfile(store.getState().profile)).toBe(false);
    expect(anyUnsavedEdits(store.getState())).toBe(false);

    store.dispatch(profileEdited({ accountId: 'a1', form: edited }));
    expect(hasUnsavedProfile(store.getState().profile)).toBe(true);
    // The window would ask before closing, as it does for a post's unsaved edits.
    expect(anyUnsavedEdits(store.getState())).toBe(true);

    // Another account shown: its own profile, nothing unsaved there; a1's edits wait for it.
    store.dispatch(profileLoading({ accountId: 'a2' }));
    expect(hasUnsavedProfile(store.getState().profile)).toBe(false);
    expect(profileDraft(store.getState().profile, 'a2')).toBeNull();
    expect(anyUnsavedProfile(store.getState().profile)).toBe(true);
    store.dispatch(profileLoading({ accountId: 'a1' }));
    store.dispatch(profileStored({ accountId: 'a1', profile }));
    expect(profileDraft(store.getState().profile, 'a1')).toEqual(edited);
    // A change of the stored profile (a sync) leaves the edits as they are.
    store.dispatch(profileStored({ accountId: 'a1', profile: { ...profile, version: 2 } }));
    expect(profileDraft(store.getState().profile, 'a1')).toEqual(edited);

    // Saved or discarded: the stored profile shows again, nothing left to keep.
    store.dispatch(profileEditsDropped({ accountId: 'a1' }));
    expect(hasUnsavedProfile(store.getState().profile)).toBe(false);
    expect(anyUnsavedEdits(store.getState())).toBe(false);
  });
});

describe('post editor slice', () => {
  it('opens an empty public draft for a new post', () => {
    const store = createAppStore();
    store.dispatch(newPostStarted());
    expect(store.getState().postEditor.editor).toMatchObject({
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
    expect(store.getState().postEditor.editor).toMatchObject({
      postId: 'p1',
      access: { mode: 'subscriber', minTier: 'gold' },
    });
    store.dispatch(textChanged({ title: 'New title' }));
    store.dispatch(accessChanged({ minTier: 'silver' }));
    expect(store.getState().postEditor.editor).toMatchObject({
      title: 'New title',
      dirty: true,
      access: { minTier: 'silver' },
    });
    store.dispatch(accessModeChosen('expression'));
    expect(store.getState().postEditor.editor?.access.expression).toBe('subscriber(silver)');
  });

  it('keeps editing a new post as that post once it is saved', () => {
    const store = createAppStore();
    store.dispatch(newPostStarted());
    store.dispatch(textChanged({ body: 'Hello' }));
    store.dispatch(editorSaved(post('p9')));
    expect(store.getState().postEditor.editor).toMatchObject({ postId: 'p9', body: 'Hello', dirty: false });
    store.dispatch(editorClosed());
    expect(store.getState().postEditor.editor).toBeNull();
  });

  it('keeps unsaved edits when another post is opened, and brings them back with the post', () => {
    const store = createAppStore();
    const editor = () => store.getState().postEditor;
    store.dispatch(postsLoading({ accountId: 'a1' }));
    store.dispatch(postOpened(post('p1')));
    store.dispatch(textChanged({ title: 'Changed, not saved' }));
    store.dispatch(postOpened(post('p2')));
    expect(editor().editor).toMatchObject({ postId: 'p2', title: 'Post p2', dirty: false });
    expect(hasUnsavedChanges(editor(), 'p1')).toBe(true);
    expect(hasUnsavedChanges(editor(), 'p2')).toBe(false);
    expect(anyUnsavedChanges(editor())).toBe(true);
    store.dispatch(postOpened(post('p1')));
    expect(editor().editor).toMatchObject({ postId: 'p1', title: 'Changed, not saved', dirty: true });
    store.dispatch(editorSaved(post('p1', { title: 'Changed, not saved' })));
    expect(hasUnsavedChanges(editor(), 'p1')).toBe(false);
    expect(anyUnsavedChanges(editor())).toBe(false);
  });

  it('keeps an unsaved new post and a closed editor’s edits as drafts; discarding drops them', () => {
    const store = createAppStore();
    const editor = () => store.getState().postEditor;
    store.dispatch(postsLoading({ accountId: 'a1' }));
    store.dispatch(newPostStarted());
    store.dispatch(textChanged({ body: 'Half a thought' }));
    store.dispatch(postOpened(post('p1')));
    expect(hasUnsavedChanges(editor(), null)).toBe(true);
    store.dispatch(newPostStarted());
    expect(editor().editor).toMatchObject({ postId: null, body: 'Half a thought', dirty: true });
    store.dispatch(changesDiscarded(null));
    expect(editor().editor).toBeNull();
    store.dispatch(newPostStarted());
    expect(editor().editor).toMatchObject({ body: '', dirty: false });

    store.dispatch(postOpened(post('p1')));
    store.dispatch(textChanged({ body: 'Edited' }));
    store.dispatch(editorClosed());
    expect(hasUnsavedChanges(editor(), 'p1')).toBe(true);
    store.dispatch(postOpened(post('p1')));
    store.dispatch(changesDiscarded(post('p1')));
    expect(editor().editor).toMatchObject({ postId: 'p1', body: 'Body', dirty: false });
    expect(anyUnsavedChanges(editor())).toBe(false);
  });

  it('keeps each account’s drafts with that account', () => {
    const store = createAppStore();
    const editor = () => store.getState().postEditor;
    store.dispatch(postsLoading({ accountId: 'a1' }));
    store.dispatch(postOpened(post('p1')));
    store.dispatch(textChanged({ title: 'Draft of a1' }));
    store.dispatch(postsLoading({ accountId: 'a2' }));
    expect(editor().editor).toBeNull();
    expect(hasUnsavedChanges(editor(), 'p1')).toBe(false);
    expect(anyUnsavedChanges(editor())).toBe(true);
    store.dispatch(postsLoading({ accountId: 'a1' }));
    store.dispatch(postOpened(post('p1')));
    expect(editor().editor?.title).toBe('Draft of a1');
  });
});
