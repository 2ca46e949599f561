import type { Amount } from '@shared/domain/money';
import type { BillingInterval } from '@shared/domain/subscriptions/billing';
import type { SubscriptionRecord } from './subscription-repository';
import type { TierRecord } from './tier-repository';

/** A tier as fans see it. */
export interface TierView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly perks: readonly string[];
  readonly rank: number;
  readonly currency: Amount['currency'];
  readonly monthlyPrice: string;
  readonly annualPrice: string | null;
  readonly trialDays: number;
  readonly ppvDiscountBps: number;
}

/** A subscription with its creator and tier named. */
export interface MySubscriptionView extends SubscriptionView {
  readonly creator: { readonly handle: string; readonly displayName: string };
  readonly tierName: string;
}

/** A subscription as its fan sees it in "my subscriptions". */
export interface SubscriptionView {
  readonly id: string;
  readonly creatorId: string;
  readonly tierId: string;
  readonly interval: BillingInterval;
  readonly currency: Amount['currency'];
  readonly price: string;
  readonly status: SubscriptionRecord['status'];
  readonly currentPeriodEnd: string;
  readonly cancelAtPeriodEnd: boolean;
  readonly graceUntil: string | null;
}

export const toTierView = (t: TierRecord): TierView => ({
  id: t.id,
  name: t.name,
  description: t.description,
  perks: t.perks,
  rank: t.rank,
  currency: t.monthlyPrice.currency,
  monthlyPrice: t.monthlyPrice.minor.toString(),
  annualPrice: t.annualPrice?.minor.toString() ?? null,
  trialDays: t.trialDays,
  ppvDiscountBps: t.ppvDiscountBps,
});

export const toSubscriptionView = (s: SubscriptionRecord): SubscriptionView => ({
  id: s.id,
  creatorId: s.creatorId,
  tierId: s.tierId,
  interval: s.interval,
  currency: s.price.currency,
  price: s.price.minor.toString(),
  status: s.status,
  currentPeriodEnd: s.currentPeriodEnd.toISOString(),
  cancelAtPeriodEnd: s.cancelAtPeriodEnd,
  graceUntil: s.graceUntil?.toISOString() ?? null,
});
