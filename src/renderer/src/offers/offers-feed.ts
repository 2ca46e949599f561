import { PROMO_KIND } from '@shared/domain/subscriptions/promo';
import { TIER_KIND } from '@shared/domain/subscriptions/tier';
import { TIP_SETTINGS_KIND } from '@shared/domain/tips/tip-settings';
import {
  loadShownAccount,
  type FeatureFeed,
  type FeatureFeedFactory,
  type LoadSteps,
} from '../store/feature-feed';
import type { AppStore } from '../store/store';
import {
  listLoaded,
  offersFailed,
  offersLoading,
  promosStored,
  tiersStored,
  tipSettingsStored,
} from './offers-slice';

/** Runs a load of the shown account's offers; a failure is said on the screen unless the account changed. */
function loading(store: AppStore, accountId: string | null, load: (accountId: string) => Promise<void>) {
  return loadShownAccount(store, accountId, OFFERS_LOAD, load);
}

const OFFERS_LOAD: LoadSteps = {
  starting: offersLoading,
  failed: offersFailed,
  shownAccount: (state) => state.offers.accountId,
};

/** The tiers: the list on an account switch, by id on every change. */
export const tiersFeed: FeatureFeedFactory = (client, store) => ({
  entity: TIER_KIND.entity,
  load: (accountId) =>
    loading(store, accountId, async (id) => {
      const records = await client.offers.tiers.query({ accountId: id });
      store.dispatch(listLoaded({ accountId: id, list: 'tiers', records }));
    }),
  async refresh(accountId, ids) {
    const { tiers, gone } = await client.offers.tiersByIds.query({ accountId, ids: [...ids] });
    store.dispatch(tiersStored({ accountId, tiers, gone }));
  },
});

/** The promo codes, as the tiers. */
export const promosFeed: FeatureFeedFactory = (client, store) => ({
  entity: PROMO_KIND.entity,
  load: (accountId) =>
    loading(store, accountId, async (id) => {
      const records = await client.offers.promos.query({ accountId: id });
      store.dispatch(listLoaded({ accountId: id, list: 'promos', records }));
    }),
  async refresh(accountId, ids) {
    const { promos, gone } = await client.offers.promosByIds.query({ accountId, ids: [...ids] });
    store.dispatch(promosStored({ accountId, promos, gone }));
  },
});

/** The tip settings: one record, loaded again on every change. */
export const tipSettingsFeed: FeatureFeedFactory = (client, store) => {
  const feed: FeatureFeed = {
    entity: TIP_SETTINGS_KIND.entity,
    load: (accountId) =>
      loading(store, accountId, async (id) => {
        const tipSettings = await client.offers.tipSettings.query({ accountId: id });
        store.dispatch(tipSettingsStored({ accountId: id, tipSettings }));
      }),
    refresh: (accountId) => feed.load(accountId),
  };
  return feed;
};
