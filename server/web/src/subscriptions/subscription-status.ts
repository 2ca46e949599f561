import { addDays, GRACE_DAYS } from '@shared/domain/subscriptions/billing';
import { formatCalendarDate, type DateStyle } from '../format/calendar-date';
import type { Subscription } from './subscription-types';

type SubscriptionDates = Pick<
  Subscription,
  'status' | 'currentPeriodEnd' | 'cancelAtPeriodEnd' | 'graceUntil'
>;

/** How a status reads at a glance: running on, running out, needing the fan, or over. */
export type StatusTone = 'good' | 'neutral' | 'warning' | 'ended';

export interface StatusWords {
  readonly text: string;
  readonly tone: StatusTone;
}

/**
 * Where a subscription stands, in words with its date: `Renews on 5 March`, `Ends on 5 March` once cancelled,
 * `Payment failed — update your card by 8 March` in a failed renewal's grace, `Ended`.
 */
export function subscriptionStatus(s: SubscriptionDates, now: Date, style: DateStyle = {}): StatusWords {
  const day = (when: string | Date) => formatCalendarDate(when, now, style);
  switch (s.status) {
    case 'trialing':
      return s.cancelAtPeriodEnd
        ? { text: `Ends on ${day(s.currentPeriodEnd)}`, tone: 'neutral' }
        : { text: `Free trial — first payment on ${day(s.currentPeriodEnd)}`, tone: 'good' };
    case 'active':
      return s.cancelAtPeriodEnd
        ? { text: `Ends on ${day(s.currentPeriodEnd)}`, tone: 'neutral' }
        : { text: `Renews on ${day(s.currentPeriodEnd)}`, tone: 'good' };
    case 'past_due': {
      const until = s.graceUntil ?? addDays(new Date(s.currentPeriodEnd), GRACE_DAYS);
      return { text: `Payment failed — update your card by ${day(until)}`, tone: 'warning' };
    }
    case 'incomplete':
      return { text: 'Payment being processed', tone: 'neutral' };
    case 'canceled':
    case 'lapsed':
      return { text: 'Ended', tone: 'ended' };
  }
}

/** What the fan may do with a subscription now; the server checks each again. */
export interface SubscriptionActions {
  readonly cancel: boolean;
  readonly resume: boolean;
  readonly updateCard: boolean;
  readonly changeTier: boolean;
}

export function subscriptionActions(s: SubscriptionDates, now: Date): SubscriptionActions {
  const running = s.status === 'trialing' || s.status === 'active';
  return {
    // A failed renewal's grace is cancelled at once; a running period at its end.
    cancel: (running && !s.cancelAtPeriodEnd) || s.status === 'past_due',
    resume: running && s.cancelAtPeriodEnd && new Date(s.currentPeriodEnd) > now,
    updateCard: running || s.status === 'past_due',
    changeTier: running,
  };
}

/** What cancelling does, said before the fan confirms it. */
export function cancelConsequence(s: SubscriptionDates, now: Date, style: DateStyle = {}): string {
  const end = formatCalendarDate(s.currentPeriodEnd, now, style);
  switch (s.status) {
    case 'trialing':
      return `Your free trial ends on ${end} and you won't be charged.`;
    case 'past_due':
      return 'It ends now, and the posts it opens are locked again.';
    default:
      return `You keep access until ${end}; it won't renew after that.`;
  }
}
