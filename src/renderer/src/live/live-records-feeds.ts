import { CHAT_SETTINGS_KIND, STREAM_KIND } from '@shared/domain/live/stream-sync';
import { errorMessage } from '../errors/error-message';
import type { FeatureFeed, FeatureFeedFactory } from '../store/feature-feed';
import type { AppStore } from '../store/store';
import { chatSettingsFailed, chatSettingsStored, liveLoading, plansFailed, plansLoaded } from './live-slice';

/**
 * Runs a load of the shown account's `kind` of Live records; a failure is said on the screen (`failed`)
 * unless the account changed meanwhile.
 */
async function loading(
  store: AppStore,
  accountId: string | null,
  failed: typeof plansFailed | typeof chatSettingsFailed,
  load: (accountId: string) => Promise<void>,
) {
  store.dispatch(liveLoading({ accountId }));
  if (accountId === null) return;
  try {
    await load(accountId);
  } catch (error) {
    if (store.getState().live.accountId === accountId) store.dispatch(failed(errorMessage(error)));
  }
}

/**
 * The streams planned for later (`live.plans`): the list on an account switch, and again on every change (a
 * push answered, a web edit pulled, a stream gone live). The studio has no by-ids query for streams, and the
 * list is a few rows.
 */
export const plansFeed: FeatureFeedFactory = (client, store) => {
  const feed: FeatureFeed = {
    entity: STREAM_KIND.entity,
    load: (accountId) =>
      loading(store, accountId, plansFailed, async (id) => {
        const plans = await client.live.plans.query({ accountId: id });
        store.dispatch(plansLoaded({ accountId: id, plans }));
      }),
    refresh: (accountId) => feed.load(accountId),
  };
  return feed;
};

/** The chat settings (slow mode, blocked words): one record, loaded again on every change. */
export const chatSettingsFeed: FeatureFeedFactory = (client, store) => {
  const feed: FeatureFeed = {
    entity: CHAT_SETTINGS_KIND.entity,
    load: (accountId) =>
      loading(store, accountId, chatSettingsFailed, async (id) => {
        const chatSettings = await client.live.chatSettings.query({ accountId: id });
        store.dispatch(chatSettingsStored({ accountId: id, chatSettings }));
      }),
    refresh: (accountId) => feed.load(accountId),
  };
  return feed;
};
