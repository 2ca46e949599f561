import { useLocation } from '../routing/history';
import { useSession } from '../session/session-context';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { NotFoundPage } from '../pages/NotFoundPage';
import { CreatorIntro } from './CreatorIntro';
import { LoadMore } from './LoadMore';
import { PostList } from './PostList';
import { useCreatorFeed } from './useCreatorFeed';
import { useFollow } from './useFollow';

/** `/c/:handle`: a creator, their posts, and following them. */
export function CreatorPage({ handle }: { readonly handle: string }) {
  const { account } = useSession();
  const viewerKey = account === undefined ? null : (account?.id ?? 'anonymous');
  const { state, loadMore, reload } = useCreatorFeed(handle, viewerKey);
  const follow = useFollow(handle, reload);
  const { pathname } = useLocation();
  useDocumentTitle(
    state.status === 'ready'
      ? `${state.creator.displayName} (@${state.creator.handle})`
      : state.status === 'notFound'
        ? 'Creator not found'
        : null,
  );

  if (state.status === 'notFound') {
    return (
      <NotFoundPage title="Creator not found">
        There is no creator at <code>{pathname}</code>. Check the handle, or find them from the home page.
      </NotFoundPage>
    );
  }
  if (state.status === 'loading') {
    return (
      <p className="page-status" role="status">
        Loading…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="page-status" role="alert">
        <p>{state.message}</p>
        <button type="button" className="button" onClick={() => void reload()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="creator-page">
      <CreatorIntro creator={state.creator} viewer={state.viewer} follow={follow} />
      <section className="feed" aria-label="Posts">
        <PostList posts={state.posts} handle={state.creator.handle} viewer={state.viewer} follow={follow} />
        <LoadMore
          hasMore={state.nextCursor !== null}
          loading={state.loadingMore}
          error={state.moreError}
          shownCount={state.posts.length}
          onLoadMore={loadMore}
        />
      </section>
    </div>
  );
}
