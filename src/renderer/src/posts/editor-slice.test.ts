import { describe, expect, it } from 'vitest';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { createAppStore } from '../store/store';
import { accessModeChosen, editorSaved, newPostStarted, postOpened, textChanged } from './editor-slice';

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
