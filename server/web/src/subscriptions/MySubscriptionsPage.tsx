import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { describeError } from '../api/error-message';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { authPath, subscriptionsPath } from '../routing/paths';
import { useAccount } from '../session/session';
import { CancelSubscriptionDialog } from './CancelSubscriptionDialog';
import { SubscriptionCard, type SubscriptionNames } from './SubscriptionCard';
import { isLive, type Subscription } from './subscription-types';
import { UpdateCardDialog } from './UpdateCardDialog';
import { useMySubscriptions } from './useSubscriptionQueries';

type OpenDialog = { readonly kind: 'cancel' | 'card'; readonly subscriptionId: string };

/**
 * `/subscriptions`: the fan's subscriptions, running ones first, each with its creator, tier, price and where it
 * stands in words ("Renews on 5 March", "Ends on 5 March", "Payment failed — update your card by 8 March",
 * "Ended"), and what can be done with it: cancel (confirmed first), resume, update the card.
 */
export function MySubscriptionsPage() {
  useDocumentTitle('My subscriptions');
  const account = useAccount();
  const mine = useMySubscriptions();
  const names = useSubscriptionNames(mine.data);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [now] = useState(() => new Date());

  if (account === null) return <Navigate to={authPath('signin', subscriptionsPath())} replace />;
  const open = dialog && mine.data?.find((s) => s.id === dialog.subscriptionId);
  return (
    <div className="my-subscriptions">
      <header className="my-subscriptions__intro">
        <h1>My subscriptions</h1>
        <p className="my-subscriptions__lead">When each renews, and what you can change.</p>
      </header>
      {mine.data ? (
        mine.data.length === 0 ? (
          <div className="my-subscriptions__empty">
            <p>
              You have no subscriptions yet. Subscribe on a creator&rsquo;s page to open their subscriber
              posts.
            </p>
            <Link to="/" className="button">
              Find a creator
            </Link>
          </div>
        ) : (
          <ul className="subscription-list">
            {runningFirst(mine.data).map((subscription) => (
              <SubscriptionCard
                key={subscription.id}
                subscription={subscription}
                names={names(subscription)}
                now={now}
                onCancel={() => setDialog({ kind: 'cancel', subscriptionId: subscription.id })}
                onUpdateCard={() => setDialog({ kind: 'card', subscriptionId: subscription.id })}
              />
            ))}
          </ul>
        )
      ) : mine.isError ? (
        <div className="page-status" role="alert">
          <p>{describeError(mine.error)}</p>
          <button
            type="button"
            className="button"
            disabled={mine.isFetching}
            onClick={() => void mine.refetch()}
          >
            Try again
          </button>
        </div>
      ) : (
        <p className="page-status" role="status">
          Loading…
        </p>
      )}
      {open && dialog?.kind === 'cancel' ? (
        <CancelSubscriptionDialog subscription={open} names={names(open)} onClosed={() => setDialog(null)} />
      ) : null}
      {open && dialog?.kind === 'card' ? (
        <UpdateCardDialog subscription={open} names={names(open)} onClosed={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

/** Running subscriptions before ended ones; each group in the server's order (newest first). */
function runningFirst(subscriptions: readonly Subscription[]): readonly Subscription[] {
  return [...subscriptions.filter(isLive), ...subscriptions.filter((s) => !isLive(s))];
}

/** The creator and tier names of each subscription, as the server gives them with it. */
function useSubscriptionNames(
  _subscriptions: readonly Subscription[] | undefined,
): (subscription: Subscription) => SubscriptionNames {
  return (subscription) => ({
    creator: subscription.creator.handle
      ? {
          id: subscription.creatorId,
          handle: subscription.creator.handle,
          displayName: subscription.creator.displayName,
        }
      : null,
    tierName: subscription.tierName || null,
  });
}
