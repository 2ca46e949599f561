import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import type { StudioClient } from '../transport/client';
import { vaultFeed } from './vault-feed';
import type { VaultItem } from './vault-item';
import { listInput } from './vault-pages';
import { NO_FILTERS, selectVaultItems } from './vault-slice';

const ACCOUNT = 'account-a';

function item(id: string, progress = 0): VaultItem {
  return {
    id,
    kind: 'video',
    title: id,
    tags: [],
    notes: '',
    originalName: `${id}.mp4`,
    bytes: 1,
    durationMs: 1000,
    width: null,
    height: null,
    thumbUrl: null,
    job: { kind: 'process', state: 'running', progress, etaMs: null, error: null },
    serverStatus: null,
    serverFailure: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * The studio's vault as the feed reaches it: `list` answers the items, `get` waits until the test lets it
 * answer (so refreshes can pile up meanwhile), and NOT_FOUND for ids in `gone`.
 */
function studio(items: VaultItem[], gone: ReadonlySet<string> = new Set()) {
  const asked: string[] = [];
  const pending: (() => void)[] = [];
  const client = {
    vault: {
      list: { query: async () => ({ items, nextCursor: null }) },
      get: {
        query: ({ id }: { id: string }) =>
          new Promise<VaultItem>((resolve, reject) => {
            asked.push(id);
            pending.push(() =>
              gone.has(id)
                ? reject(Object.assign(new Error('gone'), { data: { code: 'NOT_FOUND' } }))
                : resolve(item(id, 0.5)),
            );
          }),
      },
    },
  } as unknown as StudioClient;
  const answerAll = async () => {
    while (pending.length > 0) pending.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { client, asked, answerAll };
}

describe('the vault feed', () => {
  it('loads the first page for the shown account', async () => {
    const store = createAppStore();
    const { client } = studio([item('a'), item('b')]);
    await vaultFeed(client, store).load(ACCOUNT);
    expect(selectVaultItems(store.getState().vault).map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('refreshes one batch at a time: ids changing meanwhile are fetched together once it ends', async () => {
    const store = createAppStore();
    const { client, asked, answerAll } = studio([item('a'), item('b')], new Set(['b']));
    const feed = vaultFeed(client, store);
    await feed.load(ACCOUNT);

    const first = feed.refresh(ACCOUNT, ['a']);
    const second = feed.refresh(ACCOUNT, ['a', 'b']);
    const third = feed.refresh(ACCOUNT, ['b']);
    expect(asked).toEqual(['a']);
    await answerAll();
    expect(asked).toEqual(['a', 'a', 'b']);
    await answerAll();
    await Promise.all([first, second, third]);
    expect(asked).toEqual(['a', 'a', 'b']);
    expect(store.getState().vault.entities['a']?.job?.progress).toBe(0.5);
    // 'b' is gone from the studio: gone from the grid too.
    expect(selectVaultItems(store.getState().vault).map((i) => i.id)).toEqual(['a']);
  });
});

describe('the list’s input', () => {
  it('leaves empty filters out and names "used in posts" as the studio does', () => {
    expect(listInput(NO_FILTERS)).toEqual({});
    expect(listInput({ query: ' pier ', kind: 'photo', tag: 'beach', use: 'used' })).toEqual({
      query: 'pier',
      kind: 'photo',
      tag: 'beach',
      usedIn: 'any',
    });
    expect(listInput({ ...NO_FILTERS, use: 'unused' })).toEqual({ usedIn: 'unused' });
  });
});
