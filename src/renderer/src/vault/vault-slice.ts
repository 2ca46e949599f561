import {
  createEntityAdapter,
  createSlice,
  current,
  type EntityState,
  type PayloadAction,
} from '@reduxjs/toolkit';
import type { MediaKind } from '@shared/domain/media/media';
import type { ImportOutcome } from './import-port';
import { summaryOf, type MediaSummary, type VaultItem } from './vault-item';

/** What the grid is narrowed to: words searched (FTS), a kind, a tag, and whether posts use the item. */
export interface VaultFilters {
  readonly query: string;
  readonly kind: MediaKind | 'all';
  readonly tag: string;
  readonly use: 'all' | 'used' | 'unused';
}

export const NO_FILTERS: VaultFilters = { query: '', kind: 'all', tag: '', use: 'all' };

/** One file the creator brought in during this session, while it is imported and after. */
export interface ImportEntry {
  readonly key: string;
  readonly name: string;
  /** `importing` until the studio answers; then what became of it. */
  readonly outcome: ImportOutcome | { readonly name: string; readonly status: 'importing' };
}

// The list's order is the studio's (newest first, or best match when searching): no comparer.
const adapter = createEntityAdapter<VaultItem>();

export interface VaultSliceState extends EntityState<VaultItem, string> {
  /** Which account's vault this is: another account's items are never stored here. */
  readonly accountId: string | null;
  readonly filters: VaultFilters;
  /** +1 for every new first page asked for; an answer to an older one (filters changed since) is dropped. */
  readonly request: number;
  /** Where the next page starts; null: the list is complete. */
  readonly nextCursor: string | null;
  readonly loading: 'idle' | 'first' | 'more';
  readonly error: string | null;
  /** The files imported this session, newest first, with what became of each. */
  readonly imports: readonly ImportEntry[];
  /** The item whose details are open, or null. */
  readonly openId: string | null;
  /**
   * What posts show of media items, by id: every item the slice has seen (pages, refreshes) and those asked
   * for by posts outside the shown page. `null`: the vault has no such item (deleted).
   */
  readonly summaries: Readonly<Record<string, MediaSummary | null>>;
  /** Per item, the `readStamp` of the read it shows: an answer to an earlier read is older and dropped. */
  readonly readStamps: Readonly<Record<string, number>>;
}

const initialState: VaultSliceState = adapter.getInitialState({
  accountId: null,
  filters: NO_FILTERS,
  request: 0,
  nextCursor: null,
  loading: 'idle',
  error: null,
  imports: [],
  openId: null,
  summaries: {},
  readStamps: {},
});

type ForAccount<T> = PayloadAction<{ readonly accountId: string } & T>;
type Draft = { -readonly [K in keyof VaultSliceState]: VaultSliceState[K] };

/** Whether the grid shows everything (so an item new to the vault belongs at its top). */
export function unfiltered(filters: VaultFilters): boolean {
  return (
    filters.query.trim() === '' &&
    filters.kind === 'all' &&
    filters.tag.trim() === '' &&
    filters.use === 'all'
  );
}

/** The items not older than what the slice shows of them, their stamps kept (see `readStamp`). */
function newerOnly(draft: Draft, items: readonly VaultItem[], read: number): VaultItem[] {
  const newer = items.filter((item) => (draft.readStamps[item.id] ?? 0) <= read);
  if (newer.length > 0) {
    const stamps = { ...draft.readStamps };
    for (const item of newer) stamps[item.id] = read;
    draft.readStamps = stamps;
  }
  return newer;
}

function remember(draft: Draft, items: readonly VaultItem[]): void {
  if (items.length === 0) return;
  const summaries = { ...draft.summaries };
  for (const item of items) summaries[item.id] = summaryOf(item);
  draft.summaries = summaries;
}

export const vaultSlice = createSlice({
  name: 'vault',
  initialState: initialState as Draft,
  reducers: {
    /** The screens show `accountId` now: a different account's vault is cleared at once. */
    vaultAccountShown(draft, action: PayloadAction<{ readonly accountId: string | null }>) {
      if (draft.accountId === action.payload.accountId) return;
      return { ...initialState, accountId: action.payload.accountId, request: draft.request + 1 } as Draft;
    },
    /** The creator changed a filter: the first page for the new filters is asked for next. */
    filtersChanged(draft, action: PayloadAction<Partial<VaultFilters>>) {
      draft.filters = { ...draft.filters, ...action.payload };
    },
    /** A first page (`more`: false) or the next one was asked for. */
    pageRequested(draft, action: PayloadAction<{ readonly more: boolean }>) {
      if (!action.payload.more) draft.request += 1;
      draft.loading = action.payload.more ? 'more' : 'first';
      draft.error = null;
    },
    /** A page arrived for request `request`: the first replaces the grid, the next ones add to it. */
    pageLoaded(
      draft,
      action: ForAccount<{
        readonly request: number;
        readonly more: boolean;
        readonly items: readonly VaultItem[];
        readonly nextCursor: string | null;
        /** The read's `readStamp`. */
        readonly read: number;
      }>,
    ) {
      const { accountId, request, more, items, nextCursor, read } = action.payload;
      if (draft.accountId !== accountId || draft.request !== request) return;
      // An item shown from a later read (a refresh that landed first) stays as it is, in the page's order.
      const newer = new Set(newerOnly(draft, items, read).map((item) => item.id));
      const shownLater = items
        .filter((item) => !newer.has(item.id) && draft.entities[item.id] !== undefined)
        .map((item) => current(draft.entities[item.id]!));
      if (more) adapter.upsertMany(draft, items);
      else adapter.setAll(draft, items);
      adapter.upsertMany(draft, shownLater);
      draft.nextCursor = nextCursor;
      draft.loading = 'idle';
      remember(draft, items);
    },
    pageFailed(draft, action: ForAccount<{ readonly request: number; readonly error: string }>) {
      if (draft.accountId !== action.payload.accountId || draft.request !== action.payload.request) return;
      draft.loading = 'idle';
      draft.error = action.payload.error;
    },
    /**
     * Items the studio returned or reported changed: replaced where they are. One not in the grid goes to its top
     * when `placeNew` (an import, or any new item while nothing is filtered); otherwise the next search finds it.
     */
    itemsStored(
      draft,
      action: ForAccount<{
        readonly items: readonly VaultItem[];
        /** The read's `readStamp`: items already shown from a later read are left as they are. */
        readonly read: number;
        readonly placeNew?: boolean;
      }>,
    ) {
      if (draft.accountId !== action.payload.accountId) return;
      const placeNew = action.payload.placeNew ?? unfiltered(draft.filters);
      const items = newerOnly(draft, action.payload.items, action.payload.read);
      const fresh: string[] = [];
      for (const item of items) {
        if (draft.entities[item.id]) adapter.setOne(draft, item);
        else if (placeNew) {
          adapter.addOne(draft, item);
          fresh.push(item.id);
        }
      }
      if (fresh.length > 0) {
        const placed = new Set(fresh);
        draft.ids = [...fresh, ...draft.ids.filter((id) => !placed.has(id))];
      }
      remember(draft, items);
    },
    /** Items that are gone (deleted here): out of the grid, their details closed. */
    itemsGone(draft, action: ForAccount<{ readonly ids: readonly string[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      adapter.removeMany(draft, action.payload.ids);
      const summaries = { ...draft.summaries };
      for (const id of action.payload.ids) summaries[id] = null;
      draft.summaries = summaries;
      if (draft.openId !== null && action.payload.ids.includes(draft.openId)) draft.openId = null;
    },
    /** Media items posts name, looked up outside the grid's page (`gone`: ids the vault does not have). */
    summariesLoaded(
      draft,
      action: ForAccount<{ readonly items: readonly VaultItem[]; readonly gone: readonly string[] }>,
    ) {
      if (draft.accountId !== action.payload.accountId) return;
      remember(draft, action.payload.items);
      if (action.payload.gone.length === 0) return;
      const summaries = { ...draft.summaries };
      for (const id of action.payload.gone) summaries[id] = null;
      draft.summaries = summaries;
    },
    /** Files handed to the import (picked or dropped): listed at once as importing. */
    importsStarted(
      draft,
      action: PayloadAction<{ readonly files: readonly { key: string; name: string }[] }>,
    ) {
      const started = action.payload.files.map(({ key, name }) => ({
        key,
        name,
        outcome: { name, status: 'importing' as const },
      }));
      draft.imports = [...started, ...draft.imports];
    },
    importEnded(draft, action: PayloadAction<{ readonly key: string; readonly outcome: ImportOutcome }>) {
      draft.imports = draft.imports.map((entry) =>
        entry.key === action.payload.key ? { ...entry, outcome: action.payload.outcome } : entry,
      );
    },
    /** The creator dismissed the import results. */
    importsCleared(draft) {
      draft.imports = draft.imports.filter((entry) => entry.outcome.status === 'importing');
    },
    itemOpened(draft, action: PayloadAction<string | null>) {
      draft.openId = action.payload;
    },
  },
});

export const {
  vaultAccountShown,
  filtersChanged,
  pageRequested,
  pageLoaded,
  pageFailed,
  itemsStored,
  itemsGone,
  summariesLoaded,
  importsStarted,
  importEnded,
  importsCleared,
  itemOpened,
} = vaultSlice.actions;

const selectors = adapter.getSelectors();
export const selectVaultItems = selectors.selectAll;

export function vaultItemById(slice: VaultSliceState, id: string | null): VaultItem | null {
  return id === null ? null : (selectors.selectById(slice, id) ?? null);
}

/** What a post can show of media item `id`: undefined while unknown, null when the vault does not have it. */
export function mediaSummary(slice: VaultSliceState, id: string): MediaSummary | null | undefined {
  return slice.summaries[id];
}
