import type { Amount } from '@shared/domain/money';

/**
 * How money reaches us and leaves us: one interface for every rail. `sandbox` runs in process (development and
 * tests, refused in production); `stripe` is the card rail on Stripe's official SDK; the on-chain rails (USDC,
 * $MESI) come later behind the same interface. Every call that moves money carries an idempotency key, passed to
 * the rail as its own idempotency key, so a retried call never moves money twice. Results that arrive later
 * (a charge that settles or fails, a refund, a dispute, an invoice) come back as `RailEvent`s.
 *
 * A rail knows nothing of our ledger, tiers or posts: the payments service turns outcomes and events into ledger
 * transfers and entitlements.
 */
export type RailName = 'sandbox' | 'stripe';

/** Our references, carried on the rail's objects and given back in their events (Stripe `metadata`). */
export type RailMetadata = Readonly<Record<string, string>>;

export interface CustomerRequest {
  readonly idempotencyKey: string;
  readonly fanId: string;
  readonly email: string;
}

export interface ChargeRequest {
  readonly idempotencyKey: string;
  readonly amount: Amount;
  /** The rail's customer id, from `ensureCustomer`. */
  readonly customer: string;
  /** The rail's payment method (Stripe `pm_…`; sandbox: a test card token such as `card_ok`). */
  readonly paymentMethod: string;
  /** true: authorise and hold only, to be captured or voided later (Bid-to-Meet); false: charge now. */
  readonly hold: boolean;
  readonly description: string;
  readonly metadata: RailMetadata;
  /** Ties the charge to the creator's later payout (Stripe `transfer_group`). */
  readonly transferGroup: string;
}

export type ChargeOutcome =
  | { readonly status: 'succeeded'; readonly reference: string }
  | { readonly status: 'held'; readonly reference: string }
  /** Accepted; whether it succeeds comes later as an event (`charge.succeeded` or `charge.failed`). */
  | { readonly status: 'processing'; readonly reference: string }
  | { readonly status: 'declined'; readonly reference: string | null; readonly reason: string };

export interface RefundRequest {
  readonly idempotencyKey: string;
  /** The charge's reference from `charge`. */
  readonly charge: string;
  readonly amount: Amount;
  readonly metadata: RailMetadata;
}

export interface PayoutRequest {
  readonly idempotencyKey: string;
  /** The creator's account on the rail (a Stripe Connect account `acct_…`). */
  readonly destination: string;
  readonly amount: Amount;
  readonly transferGroup: string;
  readonly metadata: RailMetadata;
}

export type BillingInterval = 'month' | 'year';

export interface PriceRequest {
  readonly idempotencyKey: string;
  /** One price per tier, interval and amount: a price change makes a new price (existing subscribers keep theirs). */
  readonly tierId: string;
  readonly tierName: string;
  readonly interval: BillingInterval;
  readonly amount: Amount;
}

export interface PromoRequest {
  readonly idempotencyKey: string;
  readonly code: string;
  readonly discount: { readonly percentOff: number } | { readonly amountOff: Amount };
  readonly maxRedemptions: number | null;
  readonly expiresAt: Date | null;
}

export interface SubscribeRequest {
  readonly idempotencyKey: string;
  readonly customer: string;
  readonly paymentMethod: string;
  /** From `ensurePrice`. */
  readonly price: string;
  /** 0..7 (PRODUCT.md: a free trial of up to 7 days, once per fan per creator; the service decides). */
  readonly trialDays: number;
  /** From `ensurePromo`. */
  readonly promo: string | null;
  readonly metadata: RailMetadata;
}

export type RailSubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'incomplete' | 'canceled';

export interface RailSubscription {
  readonly reference: string;
  readonly status: RailSubscriptionStatus;
  readonly currentPeriodEnd: Date;
  readonly cancelAtPeriodEnd: boolean;
}

/** Something that happened on the rail, told back to us (a webhook for Stripe). `id` de-duplicates deliveries. */
export type RailEvent = { readonly id: string; readonly occurredAt: Date } & (
  | {
      readonly type: 'charge.succeeded';
      readonly charge: string;
      readonly amount: Amount;
      readonly metadata: RailMetadata;
    }
  | {
      readonly type: 'charge.failed';
      readonly charge: string;
      readonly reason: string;
      readonly metadata: RailMetadata;
    }
  | {
      readonly type: 'charge.refunded';
      readonly charge: string;
      /** The total refunded on this charge so far (Stripe's `amount_refunded`), not this refund alone. */
      readonly amountRefunded: Amount;
      readonly metadata: RailMetadata;
    }
  | {
      readonly type: 'charge.dispute.opened' | 'charge.dispute.closed';
      readonly charge: string;
      readonly dispute: string;
      readonly amount: Amount;
      /** For `closed`: won (the money comes back) or lost. */
      readonly outcome: 'won' | 'lost' | null;
    }
  | {
      readonly type: 'invoice.paid' | 'invoice.payment_failed';
      readonly invoice: string;
      readonly subscription: string;
      readonly charge: string | null;
      readonly amount: Amount;
      readonly periodStart: Date;
      readonly periodEnd: Date;
      readonly metadata: RailMetadata;
    }
  | {
      readonly type: 'subscription.updated' | 'subscription.deleted';
      readonly subscription: RailSubscription;
      readonly metadata: RailMetadata;
    }
);

export interface PaymentRail {
  readonly name: RailName;
  /** The rail's customer for a fan (created once; the same key gives the same customer). */
  ensureCustomer(request: CustomerRequest): Promise<string>;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** Captures a held charge, fully or in part. */
  capture(charge: string, amount: Amount, idempotencyKey: string): Promise<void>;
  /** Releases a held charge without taking anything. */
  void(charge: string, idempotencyKey: string): Promise<void>;
  refund(request: RefundRequest): Promise<{ readonly reference: string }>;
  /** Sends a creator's earnings to their account on the rail. */
  payout(request: PayoutRequest): Promise<{ readonly reference: string }>;
  /** The rail's price for a tier at an amount and interval (Stripe: a Price on the tier's Product). */
  ensurePrice(request: PriceRequest): Promise<string>;
  /** The rail's discount for a promo code (Stripe: a Coupon with a Promotion Code). */
  ensurePromo(request: PromoRequest): Promise<string>;
  subscribe(request: SubscribeRequest): Promise<RailSubscription>;
  /** Cancels at the end of the period (true) or takes that back (false). */
  setCancelAtPeriodEnd(
    subscription: string,
    cancel: boolean,
    idempotencyKey: string,
  ): Promise<RailSubscription>;
  /** Moves a subscription to another price, prorated. */
  changePrice(subscription: string, price: string, idempotencyKey: string): Promise<RailSubscription>;
}
