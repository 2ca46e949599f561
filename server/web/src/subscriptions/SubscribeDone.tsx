import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatCalendarDate } from '../format/calendar-date';
import { subscriptionsPath } from '../routing/paths';
import { pricePer } from './price-labels';
import type { Subscription, Tier } from './subscription-types';

interface SubscribeDoneProps {
  readonly tier: Tier;
  readonly subscription: Subscription;
  readonly onDone: () => void;
}

/** What the fan sees once subscribed (the server said trialing or active); the focus moves to it. */
export function SubscribeDone({ tier, subscription, onDone }: SubscribeDoneProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [now] = useState(() => new Date());
  useEffect(() => heading.current?.focus(), []);
  const day = formatCalendarDate(subscription.currentPeriodEnd, now);
  const price = pricePer(subscription.currency, subscription.price, subscription.interval);
  const trial = subscription.status === 'trialing';
  return (
    <div className="payment-done">
      <h3 ref={heading} className="payment-done__title" tabIndex={-1}>
        {trial ? (
          'Your free trial has started'
        ) : (
          <>
            You&rsquo;re subscribed to <span dir="auto">{tier.name}</span>
          </>
        )}
      </h3>
      <p>
        {trial
          ? `Your first payment, ${price}, is on ${day}. Cancel before then and you pay nothing.`
          : `It renews on ${day}, at ${price}.`}
      </p>
      <p>Posts for subscribers to this tier are open to you now.</p>
      <p className="payment-done__manage">
        Cancel or change your card anytime in <Link to={subscriptionsPath()}>My subscriptions</Link>.
      </p>
      <button type="button" className="button button--primary button--block" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
