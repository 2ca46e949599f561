import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../errors/error-message';
import { useAppDispatch } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { MediaThumb } from './MediaThumb';
import { ModalDialog } from './ModalDialog';
import type { VaultItem } from './vault-item';
import { listInput, VAULT_PAGE_SIZE } from './vault-pages';
import { summariesLoaded } from './vault-slice';
import { SEARCH_DELAY_MS } from './VaultToolbar';
import { mediaFacts } from './vault-words';

interface PickerPage {
  readonly items: readonly VaultItem[];
  readonly nextCursor: string | null;
}

/**
 * Choose items from the vault (a post's media): search as in the Vault screen, tick one or more, Add. Items
 * already chosen (`taken`) are shown but cannot be ticked again; at most `room` more can be added.
 */
export function VaultPicker({
  accountId,
  taken,
  room,
  onPick,
  onClose,
}: {
  accountId: string;
  taken: ReadonlySet<string>;
  room: number;
  onPick: (ids: string[]) => void;
  onClose: () => void;
}) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [page, setPage] = useState<PickerPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const request = useRef(0);

  // Each search's answer is kept only while it is still the latest search.
  useEffect(() => {
    const mine = ++request.current;
    const filters = { query: searched, kind: 'all', tag: '', use: 'all' } as const;
    client.vault.list
      .query({ accountId, ...listInput(filters), limit: VAULT_PAGE_SIZE })
      .then((answer) => {
        if (mine !== request.current) return;
        setPage(answer);
        setError(null);
        dispatch(summariesLoaded({ accountId, items: answer.items, gone: [] }));
      })
      .catch((failure: unknown) => mine === request.current && setError(errorMessage(failure)));
  }, [accountId, client, dispatch, searched]);

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  async function more() {
    if (!page?.nextCursor) return;
    const mine = request.current;
    try {
      const filters = { query: searched, kind: 'all', tag: '', use: 'all' } as const;
      const answer = await client.vault.list.query({
        accountId,
        ...listInput(filters),
        limit: VAULT_PAGE_SIZE,
        cursor: page.nextCursor,
      });
      if (mine !== request.current) return;
      setPage({ items: [...page.items, ...answer.items], nextCursor: answer.nextCursor });
      dispatch(summariesLoaded({ accountId, items: answer.items, gone: [] }));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  function toggle(id: string, on: boolean) {
    setPicked((before) => (on ? [...before, id] : before.filter((p) => p !== id)));
  }

  const full = picked.length >= room;

  return (
    <ModalDialog title="Add media from your vault" onClose={onClose} wide>
      <div className="field">
        <label htmlFor="picker-search">Search the vault</label>
        <input
          id="picker-search"
          type="search"
          autoComplete="off"
          value={query}
          placeholder="Titles, tags, notes, file names"
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p className="muted small" aria-live="polite">
        {room === 0
          ? 'This post holds as many media items as it can.'
          : picked.length === 0
            ? `Choose up to ${room}.`
            : `${picked.length} chosen${full ? ' (as many as fit)' : ''}.`}
      </p>
      {error !== null && (
        <p className="form-error" role="alert">
          The vault could not be searched: {error}
        </p>
      )}
      {page !== null && page.items.length === 0 && (
        <p className="muted">
          {searched === ''
            ? 'Your vault is empty: import media in the Vault screen first.'
            : 'Nothing matches.'}
        </p>
      )}
      {page !== null && page.items.length > 0 && (
        <ul className="picker-grid" aria-label="Vault items">
          {page.items.map((item) => {
            const inPost = taken.has(item.id);
            const checked = inPost || picked.includes(item.id);
            return (
              <li key={item.id}>
                <label className="picker-choice">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={inPost || (!checked && full)}
                    onChange={(event) => toggle(item.id, event.target.checked)}
                    aria-labelledby={`picker-title-${item.id}`}
                    aria-describedby={`picker-facts-${item.id}`}
                  />
                  <MediaThumb media={item} />
                  <span className="picker-choice__title" id={`picker-title-${item.id}`} dir="auto">
                    {item.title}
                  </span>
                  <span className="muted small" id={`picker-facts-${item.id}`}>
                    {inPost ? 'Already in this post' : mediaFacts(item)}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          disabled={picked.length === 0}
          onClick={() => onPick(picked)}
        >
          {picked.length <= 1 ? 'Add to post' : `Add ${picked.length} to post`}
        </button>
        {page?.nextCursor && (
          <button type="button" className="button" onClick={() => void more()}>
            Load more
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  );
}
