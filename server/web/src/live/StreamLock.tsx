import { isCurrency } from '@shared/domain/money';
import { useId } from 'react';
import { Link } from 'react-router';
import type { Viewer } from '../api/types';
import { LockIcon } from '../creator/LockIcon';
import { displayMinor } from '../format/money';
import { authPath } from '../routing/paths';
import { pricePer } from '../subscriptions/price-labels';
import type { TierOffer } from '../subscriptions/TierDialog';
import { liveSubscriptionTo, useMySubscriptions } from '../subscriptions/useSubscriptionQueries';
import type { StreamUnlock } from './live-types';
import type { TicketTarget } from './TicketDialog';
import { unlockWords } from './unlock-words';

interface StreamLockProps {
  readonly streamId: string;
  readonly title: string;
  readonly creatorId: string;
  readonly unlock: StreamUnlock;
  readonly viewer: Viewer;
  /** Where a signed-out viewer comes back to after signing in. */
  readonly returnPath: string;
  readonly following: { readonly pending: boolean; readonly follow: () => void };
  readonly onTier: (offer: TierOffer) => void;
  readonly onTicket: (target: TicketTarget) => void;
}

/**
 * "What unlocks this stream", in place of the video for a viewer who may not watch it: the server's words for
 * its rule, and each way in that would open it (following for free, the lowest tier that opens it, a ticket),
 * each leading into its flow; a visitor is asked to sign in first. No video, no chat: nothing of the stream
 * reaches a viewer who may not watch it.
 */
export function StreamLock({
  streamId,
  title,
  creatorId,
  unlock,
  viewer,
  returnPath,
  following,
  onTier,
  onTicket,
}: StreamLockProps) {
  const hintId = useId();
  const mine = useMySubscriptions();
  const current = liveSubscriptionTo(mine.data, creatorId);
  const signIn = authPath('signin', returnPath);
  const tier = unlock.tier;
  const ticket = unlock.ticket;
  const ticketPrice = ticket ? displayMinor('USD', ticket.amount) : null;
  return (
    <div className="lock-card stream-lock" role="region" aria-label="This stream is locked">
      <LockIcon />
      <div className="lock-card__text">
        <p className="lock-card__label">Locked</p>
        <p id={hintId} className="lock-card__hint">
          This stream is for: {unlockWords(unlock)}
        </p>
        {unlock.byFollowing ? <p className="lock-card__free">Following is free.</p> : null}
      </div>
      <div className="lock-card__offers">
        {unlock.byFollowing ? (
          viewer.signedIn ? (
            <button
              type="button"
              className="button button--primary lock-card__action"
              aria-describedby={hintId}
              aria-disabled={following.pending || undefined}
              onClick={() => {
                if (!following.pending) following.follow();
              }}
            >
              Follow to watch
            </button>
          ) : (
            <Link to={signIn} className="button button--primary lock-card__action">
              Sign in to follow
            </Link>
          )
        ) : null}
        {tier && current?.tierId !== tier.id ? (
          viewer.signedIn ? (
            <button
              type="button"
              className="button button--primary lock-card__action lock-card__offer"
              aria-haspopup="dialog"
              // Until the fan's subscriptions are known, an offer that may be the wrong one waits.
              aria-disabled={(mine.data === undefined && !mine.isError) || undefined}
              onClick={() => {
                if (mine.data !== undefined || mine.isError)
                  onTier({ tierId: tier.id, subscriptionId: current?.id ?? null });
              }}
            >
              <span>
                {current ? 'Upgrade to ' : 'Subscribe to '}
                <bdi>{tier.name}</bdi>
                {!current && isCurrency(tier.currency)
                  ? ` for ${pricePer(tier.currency, tier.monthlyPrice, 'month')}`
                  : ''}
              </span>
            </button>
          ) : (
            <Link to={signIn} className="button button--primary lock-card__action">
              Sign in to subscribe
            </Link>
          )
        ) : null}
        {ticket && ticketPrice ? (
          viewer.signedIn ? (
            <button
              type="button"
              className={`button ${tier ? '' : 'button--primary '}lock-card__action lock-card__offer`}
              aria-haspopup="dialog"
              onClick={() => onTicket({ streamId, title, price: ticket.amount })}
            >
              Buy a ticket for {ticketPrice}
            </button>
          ) : (
            <Link to={signIn} className="button lock-card__action">
              Sign in to buy a ticket for {ticketPrice}
            </Link>
          )
        ) : null}
      </div>
    </div>
  );
}
