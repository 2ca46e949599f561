import { errorMessage } from '../errors/error-message';
import type { AppStore } from '../store/store';
import type { StudioClient } from '../transport/client';
import {
  itemsGone,
  itemsStored,
  pageFailed,
  pageLoaded,
  pageRequested,
  summariesLoaded,
  type VaultFilters,
} from './vault-slice';
import type { VaultItem } from './vault-item';
import { readStamp } from './read-stamp';

/** Items per page: a few screens of tiles; Load more brings the next ones. */
export const VAULT_PAGE_SIZE = 60;

/** The list's input for the grid's filters (empty ones left out, as the router's schema reads them). */
export function listInput(filters: VaultFilters) {
  const query = filters.query.trim();
  const tag = filters.tag.trim();
  return {
    ...(query === '' ? {} : { query }),
    ...(filters.kind === 'all' ? {} : { kind: filters.kind }),
    ...(tag === '' ? {} : { tag }),
    ...(filters.use === 'all'
      ? {}
      : { usedIn: filters.use === 'used' ? ('any' as const) : ('unused' as const) }),
  };
}

/**
 * Asks for the grid's first page (`more` false: for the filters as they are now) or the next one. An answer
 * that arrives after the filters changed again, or after the account changed, is dropped by the slice.
 */
export async function loadPage(client: StudioClient, store: AppStore, more: boolean): Promise<void> {
  const before = store.getState().vault;
  const accountId = before.accountId;
  if (accountId === null) return;
  if (more && before.nextCursor === null) return;
  store.dispatch(pageRequested({ more }));
  const { request, filters, nextCursor } = store.getState().vault;
  const read = readStamp();
  try {
    const page = await client.vault.list.query({
      accountId,
      ...listInput(filters),
      limit: VAULT_PAGE_SIZE,
      ...(more && nextCursor !== null ? { cursor: nextCursor } : {}),
    });
    store.dispatch(
      pageLoaded({ accountId, request, more, items: page.items, nextCursor: page.nextCursor, read }),
    );
  } catch (error) {
    store.dispatch(pageFailed({ accountId, request, error: errorMessage(error) }));
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { data?: { code?: unknown } } | null)?.data?.code === 'NOT_FOUND';
}

/**
 * The items with these ids as the studio has them now, the ids it no longer has (deleted), and the read's
 * stamp for the slice.
 */
export async function fetchItems(
  client: StudioClient,
  accountId: string,
  ids: readonly string[],
): Promise<{ items: VaultItem[]; gone: string[]; read: number }> {
  const read = readStamp();
  const items: VaultItem[] = [];
  const gone: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      try {
        items.push(await client.vault.get.query({ accountId, id }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        gone.push(id);
      }
    }),
  );
  // Promise.all finishes in any order: keep the ids' order (new items go on top in that order).
  const order = new Map(ids.map((id, index) => [id, index]));
  items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { items, gone, read };
}

/** Refreshes these items in the grid (and in what posts show of them). */
export async function refreshItems(
  client: StudioClient,
  store: AppStore,
  accountId: string,
  ids: readonly string[],
): Promise<void> {
  const { items, gone, read } = await fetchItems(client, accountId, ids);
  store.dispatch(itemsStored({ accountId, items, read }));
  if (gone.length > 0) store.dispatch(itemsGone({ accountId, ids: gone }));
}

/** Looks up media items posts name that the slice has not seen yet. */
export async function loadSummaries(
  client: StudioClient,
  store: AppStore,
  accountId: string,
  ids: readonly string[],
): Promise<void> {
  const known = store.getState().vault.summaries;
  const missing = [...new Set(ids)].filter((id) => !(id in known));
  if (missing.length === 0) return;
  const { items, gone } = await fetchItems(client, accountId, missing);
  store.dispatch(summariesLoaded({ accountId, items, gone }));
}
