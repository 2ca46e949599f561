import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { Link } from 'react-router';
import { useTRPC } from '../api/trpc';
import { creatorPath } from '../routing/paths';
import { pricePer } from './price-labels';
import { cardFailureOf } from './subscribe-failure';
import { subscriptionActions, subscriptionStatus } from './subscription-status';
import type { Subscription } from './subscription-types';
import { useSubscriptionRefresh } from './useSubscriptionRefresh';

/** The creator a subscription is to, as My subscriptions names them. */
export interface KnownCreator {
  readonly id: string;
  readonly handle: string;
  readonly displayName: string;
}

/** What a subscription is called on the page: its creator and tier (the server names both). */
export interface SubscriptionNames {
  readonly creator: KnownCreator | null;
  readonly tierName: string | null;
}

interface SubscriptionCardProps {
  readonly subscription: Subscription;
  readonly names: SubscriptionNames;
  readonly now: Date;
  readonly onCancel: () => void;
  readonly onUpdateCard: () => void;
}

/** One subscription on My subscriptions: who, which tier at what price, where it stands, and its actions. */
export function SubscriptionCard({
  subscription,
  names,
  now,
  onCancel,
  onUpdateCard,
}: SubscriptionCardProps) {
  const titleId = useId();
  const trpc = useTRPC();
  const refresh = useSubscriptionRefresh();
  const resume = useMutation(trpc.subscriptions.resume.mutationOptions({ onSuccess: refresh }));
  const status = subscriptionStatus(subscription, now);
  const actions = subscriptionActions(subscription, now);
  const { creator, tierName } = names;
  const ended = status.tone === 'ended';
  return (
    <li className={ended ? 'subscription-card subscription-card--ended' : 'subscription-card'}>
      <article className="subscription-card__body" aria-labelledby={titleId}>
        <header className="subscription-card__header">
          <h2 id={titleId} className="subscription-card__creator">
            {creator ? (
              <Link to={creatorPath(creator.handle)} dir="auto">
                {creator.displayName}
              </Link>
            ) : (
              'A creator'
            )}
          </h2>
          <p className="subscription-card__handle">
            {creator ? <span dir="auto">@{creator.handle}</span> : 'Open their page to see their name here.'}
          </p>
        </header>
        <p className="subscription-card__plan">
          <span dir="auto">{tierName ?? 'Subscription'}</span> ·{' '}
          {pricePer(subscription.currency, subscription.price, subscription.interval)}
        </p>
        {/* Read out when it changes (after Cancel or Resume). */}
        <p className={`subscription-status subscription-status--${status.tone}`} aria-live="polite">
          {status.text}
        </p>
        {actions.cancel || actions.resume || actions.updateCard ? (
          <div className="subscription-card__actions">
            {/* One button that turns from Cancel into Resume and back, so the focus stays on it. */}
            {actions.resume ? (
              <button
                key="cancel-or-resume"
                type="button"
                className="button"
                aria-disabled={resume.isPending || undefined}
                onClick={() => {
                  if (!resume.isPending) resume.mutate({ subscriptionId: subscription.id });
                }}
              >
                Resume subscription
              </button>
            ) : actions.cancel ? (
              <button
                key="cancel-or-resume"
                type="button"
                className="button button--danger-quiet"
                aria-haspopup="dialog"
                onClick={onCancel}
              >
                Cancel subscription
              </button>
            ) : null}
            {actions.updateCard ? (
              <button
                type="button"
                className={subscription.status === 'past_due' ? 'button button--primary' : 'button'}
                aria-haspopup="dialog"
                onClick={onUpdateCard}
              >
                Update card
              </button>
            ) : null}
          </div>
        ) : null}
        {resume.isError ? (
          <p className="subscription-card__error" role="alert">
            {cardFailureOf(resume.error).message}
          </p>
        ) : null}
      </article>
    </li>
  );
}
