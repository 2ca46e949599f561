import { CHAT_SETTINGS_KIND, STREAM_KIND } from '@shared/domain/live/stream-sync';
import { loadShownAccount, type FeatureFeed, type FeatureFeedFactory } from '../store/feature-feed';
import type { AppStore, RootState } from '../store/store';
import { chatSettingsFailed, chatSettingsStored, liveLoading, plansFailed, plansLoaded } from './live-slice';

/**
 * A feed of Live records the studio gives whole: `load` fetches and stores the shown account's, on an account
 * switch and again on every change of `entity`.
 */
function reloadingFeed(
  store: AppStore,
  entity: string,
  failed: typeof plansFailed | typeof chatSettingsFailed,
  load: (accountId: string) => Promise<void>,
): FeatureFeed {
  const steps = { starting: liveLoading, failed, shownAccount: (state: RootState) => state.live.accountId };
  const reload = (accountId: string | null) => loadShownAccount(store, accountId, steps, load);
  return { entity, load: reload, refresh: reload };
}

/**
 * The streams planned for later (`live.plans`), again on every change (a push answered, a web edit pulled, a
 * stream gone live): the studio has no by-ids query for streams, and the list is a few rows.
 */
export const plansFeed: FeatureFeedFactory = (client, store) =>
  reloadingFeed(store, STREAM_KIND.entity, plansFailed, async (accountId) => {
    const plans = await client.live.plans.query({ accountId });
    store.dispatch(plansLoaded({ accountId, plans }));
  });

/** The chat settings (slow mode, blocked words): one record. */
export const chatSettingsFeed: FeatureFeedFactory = (client, store) =>
  reloadingFeed(store, CHAT_SETTINGS_KIND.entity, chatSettingsFailed, async (accountId) => {
    const chatSettings = await client.live.chatSettings.query({ accountId });
    store.dispatch(chatSettingsStored({ accountId, chatSettings }));
  });
