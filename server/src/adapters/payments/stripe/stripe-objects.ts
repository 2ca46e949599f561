import type Stripe from 'stripe';
import type {
  ChargeOutcome,
  RailMetadata,
  RailSubscription,
  RailSubscriptionStatus,
} from '../../../services/payments/payment-rail';

/**
 * Reading Stripe's objects into the rail's words, shared by the rail (answers to its calls) and the webhook
 * parser (objects inside events). Written against the API version the SDK pins (`Stripe.API_VERSION`); the
 * webhook endpoint must be created with the same version so events carry the same shapes.
 */

/**
 * Stripe's subscription statuses in ours. `incomplete_expired` never started, so it is over (`canceled`);
 * `unpaid` (retries exhausted, invoices left open) and `paused` (a trial ended without a way to pay) both mean
 * "exists but is not being paid", which is what `past_due` tells the service.
 */
const SUBSCRIPTION_STATUS: Readonly<Record<string, RailSubscriptionStatus>> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  paused: 'past_due',
  incomplete: 'incomplete',
  incomplete_expired: 'canceled',
  canceled: 'canceled',
};

export function subscriptionStatus(status: string): RailSubscriptionStatus {
  const ours = SUBSCRIPTION_STATUS[status];
  if (!ours) throw new Error(`Stripe sent a subscription status this rail does not know: ${status}`);
  return ours;
}

/**
 * A Stripe subscription as a RailSubscription. Since API version 2025-03-31 the billing period lives on each
 * subscription item (`items.data[].current_period_end`), not on the subscription; ours has one item, and the
 * latest end among the items is taken in case a later change adds more.
 */
export function railSubscription(subscription: Stripe.Subscription): RailSubscription {
  const ends = subscription.items.data.map((item) => item.current_period_end);
  if (ends.length === 0) throw new Error(`Stripe subscription ${subscription.id} has no items`);
  return {
    reference: subscription.id,
    status: subscriptionStatus(subscription.status),
    currentPeriodEnd: fromUnixSeconds(Math.max(...ends)),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
  };
}

/** Stripe's `metadata` (string values, possibly null on some objects) as our read-only references. */
export function railMetadata(metadata: Stripe.Metadata | null | undefined): RailMetadata {
  return Object.freeze({ ...(metadata ?? {}) });
}

/** The id of an expandable field, whether Stripe sent the id or the expanded object. */
export function idOf(value: string | { readonly id: string }): string;
export function idOf(value: string | { readonly id: string } | null | undefined): string | null;
export function idOf(value: string | { readonly id: string } | null | undefined): string | null {
  if (value == null) return null;
  return typeof value === 'string' ? value : value.id;
}

export function fromUnixSeconds(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** What a confirmed PaymentIntent's status means for the caller. */
export function chargeOutcome(intent: Stripe.PaymentIntent): ChargeOutcome {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', reference: intent.id };
    case 'requires_capture':
      return { status: 'held', reference: intent.id };
    case 'processing':
      return { status: 'processing', reference: intent.id };
    case 'requires_payment_method':
      return {
        status: 'declined',
        reference: intent.id,
        reason: intent.last_payment_error?.message ?? 'the card was declined',
      };
    case 'requires_action':
      return {
        status: 'declined',
        reference: intent.id,
        reason: 'the card asks the fan to authenticate this payment, which cannot be done off session',
      };
    default:
      return { status: 'declined', reference: intent.id, reason: `the payment ended as ${intent.status}` };
  }
}
