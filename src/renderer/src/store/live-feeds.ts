import type { StudioState } from '@shared/domain/sync/status';
import { errorMessage } from '../errors/error-message';
import type { StudioClient } from '../transport/client';
import { postsFailed, postsLoaded, postsLoading } from './posts-slice';
import type { AppStore } from './store';
import { linkLost, stateReceived } from './studio-slice';
import { editorClosed, screenChosen } from './ui-slice';

/**
 * Keeps the store in step with the studio: StudioState from `studio.onState`, and the active account's posts
 * reloaded at once, on every `posts.onChange` and whenever the active account changes. Returns a stop function.
 */
export function startLiveFeeds(client: StudioClient, store: AppStore): () => void {
  let accountId: string | null | undefined;
  let latestLoad = 0;

  async function reloadPosts(): Promise<void> {
    const load = ++latestLoad;
    const forAccount = accountId ?? null;
    if (forAccount === null) {
      store.dispatch(postsLoaded({ accountId: null, posts: [] }));
      return;
    }
    store.dispatch(postsLoading({ accountId: forAccount }));
    try {
      const posts = await client.posts.list.query();
      if (load === latestLoad) store.dispatch(postsLoaded({ accountId: forAccount, posts }));
    } catch (error) {
      if (load === latestLoad) store.dispatch(postsFailed(errorMessage(error)));
    }
  }

  function onState(state: StudioState): void {
    store.dispatch(stateReceived(state));
    if (state.activeAccountId === accountId) return;
    const switched = accountId !== undefined;
    accountId = state.activeAccountId;
    if (switched) store.dispatch(editorClosed());
    // Nobody signed in when the studio opens: start where that can be fixed.
    if (!switched && accountId === null) store.dispatch(screenChosen('accounts'));
    void reloadPosts();
  }

  const onLost = (error: unknown) => store.dispatch(linkLost(errorMessage(error)));
  const stateFeed = client.studio.onState.subscribe(undefined, { onData: onState, onError: onLost });
  const postsFeed = client.posts.onChange.subscribe(undefined, {
    onData: () => void reloadPosts(),
    onError: onLost,
  });
  return () => {
    stateFeed.unsubscribe();
    postsFeed.unsubscribe();
  };
}
