import { errorMessage } from '../errors/error-message';
import type { FeatureFeedFactory } from '../store/feature-feed';
import { devicesLoaded, liveFailed, liveLoaded, liveLoading, liveUpdated } from './live-slice';

/** The live session has no synced records: its changes come over `live.onUpdate`, never as `changed` events. */
export const LIVE_ENTITY = 'live';

/**
 * The shown account's live session: on an account switch, follows its updates (subscribed before the state is
 * read, so nothing said in between is lost), then loads its state and devices. The previous account's
 * subscription ends there.
 */
export const liveFeed: FeatureFeedFactory = (client, store) => {
  let unsubscribe: (() => void) | null = null;
  const shown = (accountId: string) => store.getState().live.accountId === accountId;
  const fail = (accountId: string, error: unknown) => {
    if (shown(accountId)) store.dispatch(liveFailed(errorMessage(error)));
  };
  const feed: ReturnType<FeatureFeedFactory> = {
    entity: LIVE_ENTITY,
    async load(accountId) {
      unsubscribe?.();
      unsubscribe = null;
      store.dispatch(liveLoading({ accountId }));
      if (accountId === null) return;
      const subscription = client.live.onUpdate.subscribe(
        { accountId },
        {
          onData: (update) => store.dispatch(liveUpdated({ accountId, update })),
          onError: (error) => fail(accountId, error),
          // The account's session was replaced (signed in again): load the new one, if still shown.
          onComplete: () => {
            if (shown(accountId)) void feed.load(accountId);
          },
        },
      );
      unsubscribe = () => subscription.unsubscribe();
      try {
        const { snapshot, chat } = await client.live.state.query({ accountId });
        store.dispatch(liveLoaded({ accountId, snapshot, chat }));
      } catch (error) {
        fail(accountId, error);
        return;
      }
      // Listing devices runs ffmpeg: the state shows first, the choices fill in after.
      client.live.devices.query({ accountId }).then(
        (devices) => store.dispatch(devicesLoaded({ accountId, devices })),
        (error: unknown) => fail(accountId, error),
      );
    },
    refresh: () => Promise.resolve(),
  };
  return feed;
};
