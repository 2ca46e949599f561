import { useState } from 'react';
import { Link } from 'react-router';
import type { CreatorProfile, Viewer } from '../api/types';
import { authPath, creatorPath } from '../routing/paths';
import type { Tier } from './subscription-types';
import { TierCard } from './TierCard';
import type { TierOffer } from './TierDialog';
import { liveSubscriptionTo, useMySubscriptions } from './useSubscriptionQueries';

interface TiersSectionProps {
  readonly creator: CreatorProfile;
  readonly viewer: Viewer;
  /** The creator's tiers (asked for with the page); nothing is shown until they are there, or without any. */
  readonly tiers: readonly Tier[] | undefined;
  /** Opens the subscribe (or change-tier) dialog for a tier. */
  readonly onChoose: (offer: TierOffer) => void;
}

/**
 * A creator's tiers on their page, as cards: price per month (and per year), free trial, perks. A signed-in fan
 * subscribes from a card; a subscriber sees their own tier marked and changes tier from the others. A visitor is
 * asked to sign in first; the creator sees their tiers as fans do, without the buttons.
 */
export function TiersSection({ creator, viewer, tiers, onChoose }: TiersSectionProps) {
  const mine = useMySubscriptions();
  const [now] = useState(() => new Date());
  if (!tiers || tiers.length === 0) return null;

  const isFan = viewer.signedIn && !viewer.isOwner;
  // Until the fan's subscriptions are known, the cards offer nothing rather than a Subscribe that may be wrong.
  const known = isFan && (mine.data !== undefined || mine.isError);
  const current = isFan ? liveSubscriptionTo(mine.data, creator.id) : undefined;
  return (
    <section className="tiers" aria-labelledby="tiers-title">
      <div className="tiers__head">
        <h2 id="tiers-title">Tiers</h2>
        {viewer.isOwner ? (
          <p className="tiers__note">This is how fans see your tiers.</p>
        ) : current ? (
          <p className="tiers__note">You can change tier at any time.</p>
        ) : (
          <p className="tiers__note">Subscribe to open subscriber posts. Cancel anytime.</p>
        )}
      </div>
      <ul className="tiers__list">
        {tiers.map((tier) => (
          <TierCard
            key={tier.id}
            tier={tier}
            now={now}
            mode={!known ? 'view' : current ? { subscription: current } : 'subscribe'}
            onChoose={() => onChoose({ tierId: tier.id, subscriptionId: current?.id ?? null })}
          />
        ))}
      </ul>
      {viewer.signedIn ? null : (
        <Link
          to={authPath('signin', creatorPath(creator.handle))}
          className="button button--primary tiers__signin"
        >
          Sign in to subscribe
        </Link>
      )}
    </section>
  );
}
