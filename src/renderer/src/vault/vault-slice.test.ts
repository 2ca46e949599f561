import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import type { VaultItem } from './vault-item';
import { readStamp } from './read-stamp';
import {
  filtersChanged,
  importEnded,
  importsCleared,
  importsStarted,
  itemOpened,
  itemsGone,
  itemsStored,
  mediaSummary,
  pageLoaded,
  pageRequested,
  selectVaultItems,
  summariesLoaded,
  vaultAccountShown,
} from './vault-slice';

const A = 'account-a';
const B = 'account-b';

function item(id: string, change: Partial<VaultItem> = {}): VaultItem {
  return {
    id,
    kind: 'video',
    title: `Clip ${id}`,
    tags: [],
    notes: '',
    originalName: `${id}.mp4`,
    bytes: 1000,
    durationMs: 3000,
    width: 1280,
    height: 720,
    thumbUrl: null,
    job: null,
    serverStatus: null,
    serverFailure: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...change,
  };
}

function shown(accountId = A) {
  const store = createAppStore();
  store.dispatch(vaultAccountShown({ accountId }));
  return store;
}

const titles = (store: ReturnType<typeof createAppStore>) =>
  selectVaultItems(store.getState().vault).map((i) => i.id);

function firstPage(
  store: ReturnType<typeof createAppStore>,
  items: VaultItem[],
  nextCursor: string | null = null,
) {
  store.dispatch(pageRequested({ more: false }));
  const request = store.getState().vault.request;
  store.dispatch(pageLoaded({ accountId: A, request, more: false, items, nextCursor, read: readStamp() }));
}

describe('the vault slice', () => {
  it('keeps the studio’s order and adds the next page after the first', () => {
    const store = shown();
    firstPage(store, [item('c'), item('a')], 'cursor-1');
    expect(titles(store)).toEqual(['c', 'a']);
    expect(store.getState().vault.nextCursor).toBe('cursor-1');
    store.dispatch(pageRequested({ more: true }));
    expect(store.getState().vault.loading).toBe('more');
    store.dispatch(
      pageLoaded({
        accountId: A,
        request: store.getState().vault.request,
        more: true,
        items: [item('b')],
        nextCursor: null,
        read: readStamp(),
      }),
    );
    expect(titles(store)).toEqual(['c', 'a', 'b']);
    expect(store.getState().vault).toMatchObject({ nextCursor: null, loading: 'idle' });
  });

  it('drops the answer to a search the creator has typed past', () => {
    const store = shown();
    store.dispatch(filtersChanged({ query: 'bea' }));
    store.dispatch(pageRequested({ more: false }));
    const stale = store.getState().vault.request;
    store.dispatch(filtersChanged({ query: 'beach' }));
    store.dispatch(pageRequested({ more: false }));
    const current = store.getState().vault.request;
    store.dispatch(
      pageLoaded({
        accountId: A,
        request: current,
        more: false,
        items: [item('beach')],
        nextCursor: null,
        read: readStamp(),
      }),
    );
    store.dispatch(
      pageLoaded({
        accountId: A,
        request: stale,
        more: false,
        items: [item('bear')],
        nextCursor: null,
        read: readStamp(),
      }),
    );
    expect(titles(store)).toEqual(['beach']);
  });

  it('never stores another account’s items, and forgets the last account’s on a switch', () => {
    const store = shown();
    firstPage(store, [item('a')]);
    store.dispatch(itemsStored({ accountId: B, items: [item('b')], read: readStamp() }));
    expect(titles(store)).toEqual(['a']);
    store.dispatch(vaultAccountShown({ accountId: B }));
    expect(titles(store)).toEqual([]);
    expect(mediaSummary(store.getState().vault, 'a')).toBeUndefined();
    // A page asked for under A, answered after the switch, is not B's.
    store.dispatch(
      pageLoaded({
        accountId: A,
        request: store.getState().vault.request,
        more: false,
        items: [item('a')],
        nextCursor: null,
        read: readStamp(),
      }),
    );
    expect(titles(store)).toEqual([]);
  });

  it('refreshes a changed item in place and puts a new one on top, unless the grid is filtered', () => {
    const store = shown();
    firstPage(store, [item('a'), item('b')]);
    const running = {
      kind: 'process' as const,
      state: 'running' as const,
      progress: 0.5,
      etaMs: 1000,
      error: null,
    };
    store.dispatch(
      itemsStored({ accountId: A, items: [item('b', { job: running }), item('new')], read: readStamp() }),
    );
    expect(titles(store)).toEqual(['new', 'a', 'b']);
    expect(store.getState().vault.entities['b']?.job?.progress).toBe(0.5);

    store.dispatch(filtersChanged({ kind: 'photo' }));
    store.dispatch(itemsStored({ accountId: A, items: [item('other')], read: readStamp() }));
    expect(titles(store)).toEqual(['new', 'a', 'b']);
    // An import is shown whatever the filters: the creator just brought it in.
    store.dispatch(
      itemsStored({ accountId: A, items: [item('imported')], read: readStamp(), placeNew: true }),
    );
    expect(titles(store)[0]).toBe('imported');
  });

  it('keeps what a later read showed when an earlier read answers after it', () => {
    const store = shown();
    const running = (progress: number) => ({
      kind: 'process' as const,
      state: 'running' as const,
      progress,
      etaMs: 1000,
      error: null,
    });
    // The page is asked for first, the refreshes after it; their answers land in the other order.
    store.dispatch(pageRequested({ more: false }));
    const request = store.getState().vault.request;
    const pageRead = readStamp();
    const importRead = readStamp();
    const refreshRead = readStamp();
    store.dispatch(itemsStored({ accountId: A, items: [item('a', { job: null })], read: refreshRead }));
    store.dispatch(itemsStored({ accountId: A, items: [item('a', { job: running(0) })], read: importRead }));
    expect(store.getState().vault.entities['a']?.job).toBeNull();
    store.dispatch(
      pageLoaded({
        accountId: A,
        request,
        more: false,
        items: [item('b'), item('a', { job: running(0.2) })],
        nextCursor: null,
        read: pageRead,
      }),
    );
    expect(titles(store)).toEqual(['b', 'a']);
    expect(store.getState().vault.entities['a']?.job).toBeNull();
    // A read started later than every one of them is taken.
    store.dispatch(
      itemsStored({ accountId: A, items: [item('a', { title: 'Renamed' })], read: readStamp() }),
    );
    expect(store.getState().vault.entities['a']?.title).toBe('Renamed');
  });

  it('takes deleted items out, closes their details, and tells posts they are gone', () => {
    const store = shown();
    firstPage(store, [item('a'), item('b')]);
    store.dispatch(itemOpened('a'));
    store.dispatch(itemsGone({ accountId: A, ids: ['a'] }));
    expect(titles(store)).toEqual(['b']);
    expect(store.getState().vault.openId).toBeNull();
    expect(mediaSummary(store.getState().vault, 'a')).toBeNull();
    expect(mediaSummary(store.getState().vault, 'b')).toMatchObject({
      id: 'b',
      title: 'Clip b',
      kind: 'video',
    });
  });

  it('knows media posts name outside the shown page', () => {
    const store = shown();
    store.dispatch(
      summariesLoaded({
        accountId: A,
        items: [item('p', { thumbUrl: 'data:image/webp;base64,AA' })],
        gone: ['x'],
      }),
    );
    expect(titles(store)).toEqual([]);
    expect(mediaSummary(store.getState().vault, 'p')?.thumbUrl).toBe('data:image/webp;base64,AA');
    expect(mediaSummary(store.getState().vault, 'x')).toBeNull();
  });

  it('lists each imported file as it goes and what became of it; clearing keeps those still importing', () => {
    const store = shown();
    store.dispatch(
      importsStarted({
        files: [
          { key: 'k1', name: 'one.mp4' },
          { key: 'k2', name: 'two.jpg' },
        ],
      }),
    );
    expect(store.getState().vault.imports.map((e) => e.outcome.status)).toEqual(['importing', 'importing']);
    store.dispatch(
      importEnded({
        key: 'k1',
        outcome: { name: 'one.mp4', status: 'duplicate', itemId: 'a', title: 'One' },
      }),
    );
    expect(store.getState().vault.imports.find((e) => e.key === 'k1')?.outcome.status).toBe('duplicate');
    store.dispatch(importsCleared());
    expect(store.getState().vault.imports.map((e) => e.key)).toEqual(['k2']);
  });
});
