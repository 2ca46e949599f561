import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { useTRPC } from '../api/trpc';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { CreatorLive } from '../live/CreatorLive';
import { NotFoundPage } from '../pages/NotFoundPage';
import { BuyDialog } from '../purchases/BuyDialog';
import { BuyOffer } from '../purchases/BuyOffer';
import type { BuyTarget } from '../purchases/purchase-types';
import { creatorPath, normaliseHandle } from '../routing/paths';
import { TierDialog, type TierOffer } from '../subscriptions/TierDialog';
import { TiersSection } from '../subscriptions/TiersSection';
import { UnlockTierOffer } from '../subscriptions/UnlockTierOffer';
import { useTiers } from '../subscriptions/useSubscriptionQueries';
import { TipControl } from '../tips/TipControl';
import { TipDialog } from '../tips/TipDialog';
import { TipGoalBar } from '../tips/TipGoalBar';
import type { TipTarget } from '../tips/tip-types';
import { useTipSettings } from '../tips/useTipSettings';
import { accentStyle } from './accent';
import { CreatorProfile } from './CreatorProfile';
import { feedView } from './feed';
import { LoadMore } from './LoadMore';
import { PostList } from './PostList';
import { useFollow } from './useFollow';

/** `/c/:handle`: handles are case-insensitive, so `/c/Ana` becomes `/c/ana`. */
export function CreatorRoute() {
  const { handle: segment = '' } = useParams();
  const { search, hash } = useLocation();
  const handle = normaliseHandle(segment);
  if (handle !== segment) return <Navigate to={{ pathname: creatorPath(handle), search, hash }} replace />;
  // Keyed by handle so going from one creator to another starts from a clean page.
  return <CreatorPage key={handle} handle={handle} />;
}

/**
 * A creator, their posts (newest first, 20 at a time), following them, tipping them (tips/), their tiers to
 * subscribe to (subscriptions/), and buying a post (purchases/).
 */
function CreatorPage({ handle }: { readonly handle: string }) {
  const trpc = useTRPC();
  // Query key: [['creators', 'page'], { input: { handle }, type: 'infinite' }]; each page's cursor is the
  // previous page's `nextCursor`. The server decides per viewer which posts are open; signing in or out resets
  // it (session.ts), following invalidates it (useFollow.ts).
  const feed = useInfiniteQuery(
    trpc.creators.page.infiniteQueryOptions({ handle }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const view = feedView(feed);
  const follow = useFollow(handle);
  // Asked for with the page (one batched request): the goal bar and the tip dialog read it.
  const tipSettings = useTipSettings(handle);
  const [tipTarget, setTipTarget] = useState<TipTarget | null>(null);
  // Asked for with the page too: the tiers section, and the subscribe dialog of a tier that opens a locked post.
  const tiers = useTiers(handle);
  const [tierOffer, setTierOffer] = useState<TierOffer | null>(null);
  const [buyTarget, setBuyTarget] = useState<BuyTarget | null>(null);
  const { pathname } = useLocation();
  useDocumentTitle(
    view.status === 'ready'
      ? `${view.creator.displayName} (@${view.creator.handle})`
      : view.status === 'notFound'
        ? 'Creator not found'
        : null,
  );

  if (view.status === 'notFound') {
    return (
      <NotFoundPage title="Creator not found">
        There is no creator at <code>{pathname}</code>. Check the handle, or find them from the home page.
      </NotFoundPage>
    );
  }
  if (view.status === 'loading') {
    return (
      <p className="page-status" role="status">
        Loading…
      </p>
    );
  }
  if (view.status === 'failed') {
    return (
      <div className="page-status" role="alert">
        <p>{view.message}</p>
        <button
          type="button"
          className="button"
          disabled={feed.isFetching}
          onClick={() => void feed.refetch()}
        >
          Try again
        </button>
      </div>
    );
  }
  const mayTip = view.viewer.signedIn && !view.viewer.isOwner;
  return (
    <div className="creator-page" style={accentStyle(view.creator.accentColor)}>
      <CreatorProfile
        creator={view.creator}
        viewer={view.viewer}
        follow={follow}
        tip={
          <TipControl
            handle={view.creator.handle}
            viewer={view.viewer}
            onTip={() => setTipTarget({ postId: null, postTitle: null })}
          />
        }
        goal={<TipGoalBar settings={tipSettings.data} />}
      />
      <CreatorLive handle={view.creator.handle} />
      <TiersSection creator={view.creator} viewer={view.viewer} tiers={tiers.data} onChoose={setTierOffer} />
      <section className="feed" aria-label="Posts">
        <PostList
          posts={view.posts}
          handle={view.creator.handle}
          viewer={view.viewer}
          follow={follow}
          onTip={mayTip ? setTipTarget : undefined}
          lockedOffer={(post) => (
            <div className="lock-card__offers">
              <UnlockTierOffer
                post={post}
                creator={view.creator}
                viewer={view.viewer}
                onChoose={setTierOffer}
              />
              <BuyOffer
                post={post}
                handle={view.creator.handle}
                viewer={view.viewer}
                primary={!post.unlockTier}
                onBuy={setBuyTarget}
              />
            </div>
          )}
        />
        <LoadMore
          hasMore={feed.hasNextPage}
          loading={feed.isFetchingNextPage}
          // While the page is being refreshed (after a follow), older pages wait for the fresh ones.
          disabled={feed.isFetching}
          error={view.moreError}
          shownCount={view.posts.length}
          onLoadMore={() => void feed.fetchNextPage()}
        />
      </section>
      {tipTarget ? (
        <TipDialog
          handle={view.creator.handle}
          creatorName={view.creator.displayName}
          target={tipTarget}
          onClosed={() => setTipTarget(null)}
        />
      ) : null}
      {tierOffer ? (
        <TierDialog
          handle={view.creator.handle}
          creatorName={view.creator.displayName}
          offer={tierOffer}
          onClosed={() => setTierOffer(null)}
        />
      ) : null}
      {buyTarget ? (
        <BuyDialog
          handle={view.creator.handle}
          creatorName={view.creator.displayName}
          target={buyTarget}
          onClosed={() => setBuyTarget(null)}
        />
      ) : null}
    </div>
  );
}
