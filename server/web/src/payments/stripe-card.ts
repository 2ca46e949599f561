import type { Stripe, StripeCardElement } from '@stripe/stripe-js';
import type { PaymentMethodCheck } from './sandbox-cards';

/** Said in the card part, and by Pay, when Stripe.js could not be loaded (offline, blocked, timed out). */
export const STRIPE_COULD_NOT_LOAD = 'Card payments could not load; check your connection and reload.';
/** Said by Pay when it is pressed before Stripe.js or its card field is ready. */
export const STRIPE_LOADING = 'The card form is still loading; try again in a moment.';
/** Said by Pay when Stripe did not answer (the card field loaded, then the network went away). */
export const STRIPE_UNREACHABLE = 'Could not reach our card processor; check your connection and try again.';
/** Said when Stripe refused the card without saying why (its errors normally carry a message for the fan). */
const CARD_NOT_ACCEPTED = 'This card was not accepted; check its details.';

/** The one call of Stripe.js the card part makes (tests pass a fake object with it). */
export type PaymentMethodMaker = Pick<Stripe, 'createPaymentMethod'>;

/**
 * The payment method for the card typed in Stripe's card field, as the payment forms take it: Stripe's `pm_…`,
 * or Stripe's own message for what is wrong with the card (incomplete number, expired, …), said next to the field.
 * Never throws and never waits on a field that is not there: Pay always gets an answer to show.
 */
export async function stripeCardPaymentMethod(
  stripe: PaymentMethodMaker,
  card: StripeCardElement | null,
): Promise<PaymentMethodCheck> {
  if (!card) return { ok: false, error: STRIPE_LOADING };
  try {
    const result = await stripe.createPaymentMethod({ type: 'card', card });
    if (result.error) return { ok: false, error: result.error.message || CARD_NOT_ACCEPTED };
    return { ok: true, paymentMethod: result.paymentMethod.id };
  } catch {
    return { ok: false, error: STRIPE_UNREACHABLE };
  }
}
