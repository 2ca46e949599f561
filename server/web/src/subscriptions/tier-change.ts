import { amount } from '@shared/domain/money';
import { proration, type BillingInterval } from '@shared/domain/subscriptions/billing';
import { formatCalendarDate, type DateStyle } from '../format/calendar-date';
import { displayAmount } from '../format/money';
import { pricePer, tierPrice } from './price-labels';
import type { Subscription, Tier } from './subscription-types';

/** What moving a subscription to another tier does, said before the fan confirms it. */
export type TierChangeQuote =
  | { readonly kind: 'current' }
  | { readonly kind: 'unavailable'; readonly reason: string }
  | {
      readonly kind: 'trial' | 'upgrade' | 'downgrade';
      /** What happens now and from the next renewal. */
      readonly lines: readonly string[];
      readonly submit: string;
    };

/**
 * The start of the period that ends at `end`: one interval earlier, on the same day (a day the month lacks
 * becomes its last). The page is not told when the period started; renewals fall on the anniversary, so this is
 * the start but for a day at the end of long months, close enough for an estimate said as "about".
 */
export function periodStartBefore(end: Date, interval: BillingInterval): Date {
  const months = interval === 'month' ? 1 : 12;
  const year = end.getUTCFullYear();
  const month = end.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const start = new Date(end);
  start.setUTCFullYear(year, month, Math.min(end.getUTCDate(), lastDay));
  return start;
}

/**
 * Moving `subscription` to `tier`, as the server will do it: during a trial the tier changes at once and nothing
 * is charged; an upgrade charges the price difference for the time left of the period now (prorated, to the card
 * on file) and opens the new tier once paid; a downgrade credits the difference to the next renewals. The sums
 * are estimates by the shared `proration` rule at this moment; the server computes them when asked.
 */
export function quoteTierChange(
  subscription: Subscription,
  tier: Tier,
  now: Date,
  style: DateStyle = {},
): TierChangeQuote {
  if (tier.id === subscription.tierId) return { kind: 'current' };
  if (subscription.status === 'past_due') {
    return {
      kind: 'unavailable',
      reason: 'Your last payment failed: update your card first, then change tier.',
    };
  }
  if (subscription.status !== 'trialing' && subscription.status !== 'active') {
    return { kind: 'unavailable', reason: 'This subscription has ended.' };
  }
  const newMinor = tierPrice(tier, subscription.interval);
  if (newMinor === null) {
    return {
      kind: 'unavailable',
      reason: 'This tier has no yearly price, so a yearly subscription cannot move to it.',
    };
  }
  const end = new Date(subscription.currentPeriodEnd);
  const endDay = formatCalendarDate(end, now, style);
  const from = `From ${endDay}, ${pricePer(tier.currency, newMinor, subscription.interval)}.`;
  if (subscription.status === 'trialing') {
    return {
      kind: 'trial',
      lines: [`You move now, and your free trial goes on until ${endDay}: nothing is charged today.`, from],
      submit: `Change to ${tier.name}`,
    };
  }
  const owed = proration({
    oldPrice: amount(subscription.currency, BigInt(subscription.price)),
    newPrice: amount(tier.currency, BigInt(newMinor)),
    periodStart: periodStartBefore(end, subscription.interval),
    periodEnd: end,
    at: now,
  });
  if (owed > 0n) {
    const due = displayAmount(amount(tier.currency, owed));
    return {
      kind: 'upgrade',
      lines: [
        `You pay about ${due} now, to your card on file: the difference for the rest of this period, until ${endDay}.`,
        from,
      ],
      submit: `Upgrade and pay about ${due}`,
    };
  }
  const credit = displayAmount(amount(tier.currency, -owed));
  return {
    kind: 'downgrade',
    lines: [
      owed === 0n
        ? 'You move now, at no charge.'
        : `You move now. The difference for the rest of this period, about ${credit}, is taken off your next payments.`,
      from,
    ],
    submit: `Change to ${tier.name}`,
  };
}
