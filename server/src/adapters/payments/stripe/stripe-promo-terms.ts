import type Stripe from 'stripe';
import { ValidationError } from '@shared/domain/errors';
import type { PromoRequest } from '../../../services/payments/payment-rail';
import { STRIPE_CURRENCY, toStripeAmount } from './stripe-amounts';

/**
 * A promo code's discount as a Stripe Coupon. One coupon per code, so its limits (uses, expiry) are the code's.
 * A coupon made for a promo code takes its discount off one invoice (the first one it is applied to): the
 * request names no duration, and "once" is the one that never discounts more than the creator meant.
 */
export const PROMO_DURATION = 'once' satisfies Stripe.CouponCreateParams.Duration;

export type CouponTerms = Pick<
  Stripe.CouponCreateParams,
  'percent_off' | 'amount_off' | 'currency' | 'max_redemptions' | 'redeem_by'
>;

/** The Coupon parameters for a promo request: percent off, or cents off in USD, with its limits if any. */
export function couponTerms(request: PromoRequest): CouponTerms {
  const limits: CouponTerms = {
    ...(request.maxRedemptions !== null ? { max_redemptions: request.maxRedemptions } : {}),
    ...(request.expiresAt !== null ? { redeem_by: Math.floor(request.expiresAt.getTime() / 1000) } : {}),
  };
  if ('percentOff' in request.discount) {
    const percentOff = request.discount.percentOff;
    if (!(percentOff > 0 && percentOff <= 100)) {
      throw new ValidationError('a percent discount must be more than 0 and at most 100', 'percentOff');
    }
    return { percent_off: percentOff, ...limits };
  }
  return { amount_off: toStripeAmount(request.discount.amountOff), currency: STRIPE_CURRENCY, ...limits };
}

/** Whether an existing coupon gives exactly these terms (an active code is answered again only then). */
export function sameTerms(coupon: Stripe.Coupon, terms: CouponTerms): boolean {
  return (
    (coupon.percent_off ?? undefined) === terms.percent_off &&
    (coupon.amount_off ?? undefined) === terms.amount_off &&
    (coupon.amount_off === null || coupon.currency === terms.currency) &&
    (coupon.max_redemptions ?? undefined) === terms.max_redemptions &&
    (coupon.redeem_by ?? undefined) === terms.redeem_by
  );
}
