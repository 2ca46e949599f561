import { describe, expect, it } from 'vitest';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { createAppStore } from '../store/store';
import {
  accessModeChosen,
  captionChanged,
  editorSaved,
  mediaAdded,
  mediaMoved,
  mediaRemoved,
  newPostStarted,
  postOpened,
  scheduleChanged,
  textChanged,
} from './editor-slice';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function post(id: string, change: Partial<LocalPost> = {}): LocalPost {
  return {
    id,
    creatorId: 'c1',
    title: `Post ${id}`,
    body: 'Body',
    accessRule: { kind: 'public' },
    price: null,
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

describe('the post editor and prices', () => {
  it('gives a new post its id when the form opens, so "Buyers" can name it before the first save', () => {
    const store = createAppStore();
    store.dispatch(newPostStarted());
    const first = store.getState().postEditor.editor!;
    expect(first).toMatchObject({ postId: null, price: '' });
    expect(first.id).toMatch(UUID_V7);
    store.dispatch(accessModeChosen('expression'));
    store.dispatch(accessModeChosen('buyers'));
    store.dispatch(accessModeChosen('expression'));
    expect(store.getState().postEditor.editor?.access.expression).toBe(`purchased(${first.id})`);
    // Saved: the post keeps that id.
    store.dispatch(editorSaved(post(first.id)));
    expect(store.getState().postEditor.editor).toMatchObject({ postId: first.id, id: first.id });
    store.dispatch(newPostStarted());
    expect(store.getState().postEditor.editor?.id).not.toBe(first.id);
  });

  it('shows a stored price in dollars and its buyer rule as Buyers; typing a price is an unsaved change', () => {
    const store = createAppStore();
    const id = '018f0000-0000-7000-8000-0000000000aa';
    store.dispatch(
      postOpened(
        post(id, {
          price: { currency: 'USD', minor: '450' },
          accessRule: { kind: 'any', rules: [{ kind: 'subscriber' }, { kind: 'purchased', itemId: id }] },
        }),
      ),
    );
    expect(store.getState().postEditor.editor).toMatchObject({
      id,
      price: '4.50',
      dirty: false,
      access: { mode: 'subscriberOrBuyer', minTier: '' },
    });
    store.dispatch(textChanged({ price: '5' }));
    expect(store.getState().postEditor.editor).toMatchObject({ price: '5', dirty: true });
  });
});

describe('the post editor, media and schedule', () => {
  it('opens a stored post with its media in order and its times as wall times in its zone', () => {
    const store = createAppStore();
    const id = '018f0000-0000-7000-8000-0000000000ab';
    store.dispatch(
      postOpened(
        post(id, {
          status: 'scheduled',
          media: [
            { mediaId: 'm1', caption: 'first' },
            { mediaId: 'm2', caption: '' },
          ],
          publishAt: '2026-12-24T17:00:00.000Z',
          expiresAt: null,
          timeZone: 'Europe/Paris',
        }),
      ),
    );
    expect(store.getState().postEditor.editor).toMatchObject({
      media: [
        { mediaId: 'm1', caption: 'first' },
        { mediaId: 'm2', caption: '' },
      ],
      publishAt: '2026-12-24T18:00',
      expiresAt: '',
      timeZone: 'Europe/Paris',
      dirty: false,
    });
  });

  it('starts a new post in this computer’s zone, with no media and no times', () => {
    const store = createAppStore();
    store.dispatch(newPostStarted());
    expect(store.getState().postEditor.editor).toMatchObject({
      media: [],
      publishAt: '',
      expiresAt: '',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });

  it('adds, reorders, captions and removes media; each is an unsaved change', () => {
    const store = createAppStore();
    store.dispatch(postOpened(post('018f0000-0000-7000-8000-0000000000ac')));
    const media = () => store.getState().postEditor.editor!.media;
    store.dispatch(mediaAdded(['a', 'b', 'c']));
    expect(store.getState().postEditor.editor?.dirty).toBe(true);
    store.dispatch(mediaMoved({ index: 2, delta: -2 }));
    expect(media().map((m) => m.mediaId)).toEqual(['c', 'a', 'b']);
    store.dispatch(captionChanged({ mediaId: 'a', caption: 'Sunset' }));
    store.dispatch(mediaRemoved('c'));
    expect(media()).toEqual([
      { mediaId: 'a', caption: 'Sunset' },
      { mediaId: 'b', caption: '' },
    ]);
    store.dispatch(scheduleChanged({ publishAt: '2026-12-24T18:00', timeZone: 'America/New_York' }));
    expect(store.getState().postEditor.editor).toMatchObject({
      publishAt: '2026-12-24T18:00',
      timeZone: 'America/New_York',
    });
  });
});
