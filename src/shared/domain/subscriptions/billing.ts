import { ValidationError } from '../errors';
import { amount, BASIS_POINTS, type Amount } from '../money/amount';

/** Subscriptions' rules (PRODUCT.md, "Subscriptions"), free of storage and of time sources. */

export type BillingInterval = 'month' | 'year';

/** A free trial is at most this long, and a fan gets one per creator. */
export const MAX_TRIAL_DAYS = 7;

/** After a failed renewal the fan keeps access this long; then they are a follower again. */
export const GRACE_DAYS = 3;

/** Renewal is retried on these days of the grace period (after the failed one at the period's end). */
export const RETRY_AFTER_DAYS: readonly number[] = [1, 2];

const DAY_MS = 86_400_000;

export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

/**
 * The same moment one interval later, on the anniversary: the same day of the month (or of the year) and the same
 * time of day, in UTC. A day the next month lacks becomes its last day (a subscription from 31 January renews
 * on 28 or 29 February), and the anniversary is counted from `anchor`, the first period's start, so it returns
 * to the 31st in March instead of drifting to the 28th for good.
 */
export function nextPeriodEnd(anchor: Date, periodsAfterAnchor: number, interval: BillingInterval): Date {
  if (!Number.isInteger(periodsAfterAnchor) || periodsAfterAnchor < 1) {
    throw new RangeError('periods after the anchor must be a whole number from 1');
  }
  const months = interval === 'month' ? periodsAfterAnchor : periodsAfterAnchor * 12;
  const year = anchor.getUTCFullYear();
  const month = anchor.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(anchor.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      anchor.getUTCHours(),
      anchor.getUTCMinutes(),
      anchor.getUTCSeconds(),
      anchor.getUTCMilliseconds(),
    ),
  );
}

export type PromoDiscount = { readonly percentOff: number } | { readonly amountOff: Amount };

/** The first period's price after a promo: never below zero, a percentage rounded in the fan's favour (down). */
export function discounted(price: Amount, discount: PromoDiscount | null): Amount {
  if (!discount) return price;
  if ('percentOff' in discount) {
    if (!Number.isInteger(discount.percentOff) || discount.percentOff < 1 || discount.percentOff > 100) {
      throw new ValidationError('a percentage off is a whole number from 1 to 100', 'percentOff');
    }
    const off = (price.minor * BigInt(discount.percentOff) + 99n) / 100n; // the discount rounds up
    return amount(price.currency, price.minor > off ? price.minor - off : 0n);
  }
  if (discount.amountOff.currency !== price.currency) {
    throw new ValidationError(
      `a promo off a ${price.currency} price must be in ${price.currency}`,
      'amountOff',
    );
  }
  const minor = price.minor - discount.amountOff.minor;
  return amount(price.currency, minor > 0n ? minor : 0n);
}

/** A pay-per-view price with a subscriber's tier discount (basis points), rounded in the fan's favour. */
export function withTierDiscount(price: Amount, discountBasisPoints: number): Amount {
  if (
    !Number.isInteger(discountBasisPoints) ||
    discountBasisPoints < 0 ||
    discountBasisPoints > BASIS_POINTS
  ) {
    throw new ValidationError('a tier discount is 0% to 100%', 'discount');
  }
  const kept = (price.minor * BigInt(BASIS_POINTS - discountBasisPoints)) / BigInt(BASIS_POINTS);
  return amount(price.currency, kept);
}

/**
 * What changing price mid-period is worth for the time left: (new − old) × left ÷ period, rounded toward zero.
 * Positive: the fan owes it now (an upgrade). Negative: the fan is owed it, as a credit on the next renewal
 * (a downgrade). Both prices are per the same interval.
 */
export function proration(input: {
  readonly oldPrice: Amount;
  readonly newPrice: Amount;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly at: Date;
}): bigint {
  if (input.oldPrice.currency !== input.newPrice.currency) {
    throw new ValidationError('a tier change keeps the currency', 'currency');
  }
  const total = BigInt(input.periodEnd.getTime() - input.periodStart.getTime());
  if (total <= 0n) throw new RangeError('a period ends after it starts');
  const leftMs = BigInt(Math.min(Math.max(input.periodEnd.getTime() - input.at.getTime(), 0), Number(total)));
  return ((input.newPrice.minor - input.oldPrice.minor) * leftMs) / total;
}
