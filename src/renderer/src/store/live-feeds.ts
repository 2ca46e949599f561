import type { StudioState } from '@shared/domain/sync/status';
import { errorMessage } from '../errors/error-message';
import { liveFeed } from '../live/live-feed';
import { chatSettingsFeed, plansFeed } from '../live/live-records-feeds';
import { promosFeed, tiersFeed, tipSettingsFeed } from '../offers/offers-feed';
import { postsFeed } from '../posts/posts-feed';
import { profileFeed } from '../profile/profile-feed';
import { screenChosen } from '../shell/navigation-slice';
import type { StudioClient } from '../transport/client';
import { vaultFeed } from '../vault/vault-feed';
import type { FeatureFeedFactory } from './feature-feed';
import type { AppStore } from './store';
import { linkLost, stateReceived, tokenRefused } from './studio-slice';

/** Every feature's feed: add one here when a feature's slice mirrors records of the studio. */
export const FEATURE_FEEDS: readonly FeatureFeedFactory[] = [
  postsFeed,
  profileFeed,
  tiersFeed,
  promosFeed,
  tipSettingsFeed,
  vaultFeed,
  liveFeed,
  plansFeed,
  chatSettingsFeed,
];

/**
 * Keeps the store in step with the studio: StudioState from `studio.onState`; each feature's records loaded
 * when the shown account changes, and refreshed by id on every `sync.onChanged` of that account. Returns a
 * stop function.
 */
export function startLiveFeeds(client: StudioClient, store: AppStore, factories = FEATURE_FEEDS): () => void {
  const feeds = factories.map((factory) => factory(client, store));
  let accountId: string | null | undefined;
  const onLost = (error: unknown) =>
    // Only browser mode's token check answers UNAUTHORIZED on these feeds (the studio itself never does).
    store.dispatch(isUnauthorized(error) ? tokenRefused() : linkLost(errorMessage(error)));

  function onState(state: StudioState): void {
    store.dispatch(stateReceived(state));
    if (state.activeAccountId === accountId) return;
    const first = accountId === undefined;
    accountId = state.activeAccountId;
    // Nobody signed in when the studio opens: start where that can be fixed.
    if (first && accountId === null) store.dispatch(screenChosen('accounts'));
    for (const feed of feeds) void feed.load(accountId);
  }

  const stateFeed = client.studio.onState.subscribe(undefined, { onData: onState, onError: onLost });
  const changeFeed = client.sync.onChanged.subscribe(undefined, {
    onData: ({ accountId: changedAccount, entity, ids }) => {
      if (changedAccount !== accountId) return; // another account syncing in the background
      for (const feed of feeds) {
        // A refresh that fails (the account signed out meanwhile) leaves the slice as it was; the next load fixes it.
        if (feed.entity === entity) feed.refresh(changedAccount, ids).catch((error) => console.warn(error));
      }
    },
    onError: onLost,
  });
  return () => {
    stateFeed.unsubscribe();
    changeFeed.unsubscribe();
  };
}

function isUnauthorized(error: unknown): boolean {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return data?.code === 'UNAUTHORIZED';
}
