import { useEffect } from 'react';
import { useStore } from 'react-redux';
import { useAppSelector } from '../store/hooks';
import type { AppStore } from '../store/store';
import { useStudioClient } from '../transport/client-context';
import { loadSummaries } from './vault-pages';
import type { MediaSummary } from './vault-item';

/**
 * What posts show of these media items (title, kind, thumbnail), looked up in the vault for those the screens
 * have not seen yet. Each entry: the summary, `null` when the vault no longer has the item, `undefined` while
 * it is being looked up.
 */
export function useMediaSummaries(
  accountId: string,
  ids: readonly string[],
): Readonly<Record<string, MediaSummary | null | undefined>> {
  const client = useStudioClient();
  const store = useStore() as AppStore;
  const summaries = useAppSelector((state) => state.vault.summaries);
  // The slice forgets every summary when the shown account changes: look them up again then.
  const shownAccount = useAppSelector((state) => state.vault.accountId);
  const missing = ids.filter((id) => !(id in summaries));
  const key = missing.join(',');

  useEffect(() => {
    if (key === '' || shownAccount !== accountId) return;
    loadSummaries(client, store, accountId, key.split(',')).catch((error: unknown) => console.warn(error));
  }, [accountId, client, key, shownAccount, store]);

  return summaries;
}
