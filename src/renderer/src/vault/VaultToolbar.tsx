import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'react-redux';
import { MEDIA_KINDS, type MediaKind } from '@shared/domain/media/media';
import type { AppStore } from '../store/store';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { loadPage } from './vault-pages';
import { filtersChanged, selectVaultItems, type VaultFilters } from './vault-slice';

/** How long typing must pause before the search runs: one query per word, not per key. */
export const SEARCH_DELAY_MS = 250;

const KIND_FILTER_LABELS: Readonly<Record<MediaKind | 'all', string>> = {
  all: 'All kinds',
  photo: 'Photos',
  video: 'Videos',
  audio: 'Audio',
};

const USE_LABELS: Readonly<Record<VaultFilters['use'], string>> = {
  all: 'Used or not',
  used: 'Used in posts',
  unused: 'Not used yet',
};

/** Changes the grid's filters and asks for the first page under them. */
export function useVaultFilters(): (change: Partial<VaultFilters>) => void {
  const dispatch = useAppDispatch();
  const client = useStudioClient();
  const store = useStore() as AppStore;
  return useCallback(
    (change: Partial<VaultFilters>) => {
      dispatch(filtersChanged(change));
      void loadPage(client, store, false);
    },
    [client, dispatch, store],
  );
}

/** Search (in titles, notes, tags and file names, as typed) and the kind, tag and use filters. */
export function VaultToolbar({ accountId }: { accountId: string }) {
  const client = useStudioClient();
  const filters = useAppSelector((state) => state.vault.filters);
  const setFilters = useVaultFilters();
  const [query, setQuery] = useState(filters.query);
  const [tags, setTags] = useState<readonly { tag: string; count: number }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadTags = useCallback(() => {
    client.vault.tags
      .query({ accountId })
      .then(setTags)
      // Without its choices the tag filter offers only "All tags"; the grid still works.
      .catch((error: unknown) => console.warn(error));
  }, [accountId, client]);

  // The tags on the items shown, as one key: when an edit or an import changes them, the choices are asked
  // for again (the studio counts over the whole vault, not just this page).
  const shownTags = useAppSelector((state) =>
    [...new Set(selectVaultItems(state.vault).flatMap((item) => item.tags))].sort().join('\n'),
  );
  useEffect(() => loadTags(), [loadTags, shownTags]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  function onQuery(text: string) {
    setQuery(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setFilters({ query: text }), SEARCH_DELAY_MS);
  }

  // A tag chosen before the list had it (or one whose last item lost it) stays offered while chosen.
  const tagChoices =
    tags.some((t) => t.tag === filters.tag) || filters.tag === ''
      ? tags
      : [{ tag: filters.tag, count: 0 }, ...tags];

  return (
    <div className="vault-toolbar" role="search" aria-label="Vault">
      <div className="field vault-search">
        <label htmlFor="vault-search">Search</label>
        <input
          id="vault-search"
          type="search"
          value={query}
          placeholder="Titles, tags, notes, file names"
          autoComplete="off"
          onChange={(event) => onQuery(event.target.value)}
          onKeyDown={(event) => {
            // Enter searches at once rather than after the pause.
            if (event.key !== 'Enter') return;
            if (timer.current) clearTimeout(timer.current);
            setFilters({ query });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="vault-kind">Kind</label>
        <select
          id="vault-kind"
          value={filters.kind}
          onChange={(event) => setFilters({ kind: event.target.value as VaultFilters['kind'] })}
        >
          {(['all', ...MEDIA_KINDS] as const).map((kind) => (
            <option key={kind} value={kind}>
              {KIND_FILTER_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="vault-tag">Tag</label>
        <select
          id="vault-tag"
          value={filters.tag}
          onFocus={loadTags}
          onChange={(event) => setFilters({ tag: event.target.value })}
        >
          <option value="">All tags</option>
          {tagChoices.map(({ tag, count }) => (
            <option key={tag} value={tag}>
              {count > 0 ? `${tag} (${count})` : tag}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="vault-use">Used in</label>
        <select
          id="vault-use"
          value={filters.use}
          onChange={(event) => setFilters({ use: event.target.value as VaultFilters['use'] })}
        >
          {(Object.keys(USE_LABELS) as VaultFilters['use'][]).map((use) => (
            <option key={use} value={use}>
              {USE_LABELS[use]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
