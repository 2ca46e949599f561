import { errorMessage } from '../errors/error-message';
import type { FeatureFeed, FeatureFeedFactory } from '../store/feature-feed';
import { profileFailed, profileLoading, profileStored } from './profile-slice';

/** Keeps the profile slice in step with the studio: loaded on an account switch, again on every change. */
export const profileFeed: FeatureFeedFactory = (client, store) => {
  const feed: FeatureFeed = {
    entity: 'profile',
    async load(accountId) {
      store.dispatch(profileLoading({ accountId }));
      if (accountId === null) return;
      try {
        store.dispatch(profileStored({ accountId, profile: await client.profile.get.query({ accountId }) }));
      } catch (error) {
        if (store.getState().profile.accountId === accountId)
          store.dispatch(profileFailed(errorMessage(error)));
      }
    },
    refresh: (accountId) => feed.load(accountId),
  };
  return feed;
};
