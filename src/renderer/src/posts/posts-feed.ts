import { errorMessage } from '../errors/error-message';
import type { FeatureFeed, FeatureFeedFactory } from '../store/feature-feed';
import { editorClosed } from './editor-slice';
import { postsFailed, postsGone, postsLoaded, postsLoading, postsStored } from './posts-slice';

/** Past this many changed ids (a catch-up after days offline), loading the list is cheaper than by id. */
const REFRESH_BY_ID_MAX = 200;

/** Keeps the posts slice in step with the studio: the list on an account switch, by id on every change. */
export const postsFeed: FeatureFeedFactory = (client, store) => {
  const feed: FeatureFeed = {
    entity: 'post',

    async load(accountId) {
      store.dispatch(editorClosed());
      store.dispatch(postsLoading({ accountId }));
      if (accountId === null) {
        store.dispatch(postsLoaded({ accountId, posts: [] }));
        return;
      }
      try {
        store.dispatch(postsLoaded({ accountId, posts: await client.posts.list.query({ accountId }) }));
      } catch (error) {
        if (store.getState().posts.accountId === accountId) store.dispatch(postsFailed(errorMessage(error)));
      }
    },

    async refresh(accountId, ids) {
      if (ids.length > REFRESH_BY_ID_MAX) return feed.load(accountId);
      const { posts, gone } = await client.posts.byIds.query({ accountId, ids: [...ids] });
      store.dispatch(postsStored({ accountId, posts }));
      store.dispatch(postsGone({ accountId, ids: gone }));
    },
  };
  return feed;
};
