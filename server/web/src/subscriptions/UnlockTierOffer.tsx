import { isCurrency } from '@shared/domain/money';
import { Link } from 'react-router';
import type { CreatorProfile, Viewer } from '../api/types';
import { authPath, creatorPath } from '../routing/paths';
import { pricePer } from './price-labels';
import type { LockedEntry } from './subscription-types';
import type { TierOffer } from './TierDialog';
import { liveSubscriptionTo, useMySubscriptions } from './useSubscriptionQueries';

interface UnlockTierOfferProps {
  readonly post: LockedEntry;
  readonly creator: CreatorProfile;
  readonly viewer: Viewer;
  readonly onChoose: (offer: TierOffer) => void;
}

/**
 * On a post a subscription would open, the tier that opens it (the server's `unlockTier`, the lowest that
 * does): "Subscribe to Gold for $5.00/month", or "Upgrade to Gold" for a fan on a lower tier; a visitor is asked
 * to sign in first. Nothing where no tier opens the post.
 */
export function UnlockTierOffer({ post, creator, viewer, onChoose }: UnlockTierOfferProps) {
  const mine = useMySubscriptions();
  const tier = post.unlockTier;
  if (!tier || viewer.isOwner) return null;
  if (!viewer.signedIn) {
    return (
      <Link
        to={authPath('signin', creatorPath(creator.handle))}
        className="button button--primary lock-card__action"
      >
        Sign in to subscribe
      </Link>
    );
  }
  // Until the fan's subscriptions are known, nothing rather than an offer that may be the wrong one.
  if (mine.data === undefined && !mine.isError) return null;
  const current = liveSubscriptionTo(mine.data, creator.id);
  if (current?.tierId === tier.id) return null;
  const price = isCurrency(tier.currency)
    ? ` for ${pricePer(tier.currency, tier.monthlyPrice, 'month')}`
    : '';
  return (
    <button
      type="button"
      className="button button--primary lock-card__action lock-card__offer"
      aria-haspopup="dialog"
      onClick={() => onChoose({ tierId: tier.id, subscriptionId: current?.id ?? null })}
    >
      {/* One piece of text: the button lays its children out apart, as it does an icon and a label. */}
      <span>
        {current ? 'Upgrade to ' : 'Subscribe to '}
        <bdi>{tier.name}</bdi>
        {current ? '' : price}
      </span>
    </button>
  );
}
