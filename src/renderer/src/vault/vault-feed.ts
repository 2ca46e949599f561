import type { FeatureFeed, FeatureFeedFactory } from '../store/feature-feed';
import { loadPage, refreshItems } from './vault-pages';
import { vaultAccountShown } from './vault-slice';

/** The vault's entity in `changed` events (the studio's `VAULT_ENTITY`). */
export const VAULT_ENTITY = 'vault';

/**
 * Keeps the vault slice in step with the studio: the first page on an account switch, by id on every change.
 * A job reports progress several times a second, so refreshes are coalesced: one at a time, and the ids that
 * change meanwhile are fetched together once it ends.
 */
export const vaultFeed: FeatureFeedFactory = (client, store) => {
  let waiting = new Set<string>();
  let running: Promise<void> | null = null;

  async function drain(accountId: string): Promise<void> {
    while (waiting.size > 0) {
      const ids = [...waiting];
      waiting = new Set();
      // Another account is shown now: what changed in this one is no longer on screen.
      if (store.getState().vault.accountId !== accountId) return;
      await refreshItems(client, store, accountId, ids);
    }
  }

  const feed: FeatureFeed = {
    entity: VAULT_ENTITY,

    async load(accountId) {
      waiting = new Set();
      store.dispatch(vaultAccountShown({ accountId }));
      if (accountId !== null) await loadPage(client, store, false);
    },

    refresh(accountId, ids) {
      for (const id of ids) waiting.add(id);
      if (running) return running;
      running = drain(accountId).finally(() => {
        running = null;
      });
      return running;
    },
  };
  return feed;
};
