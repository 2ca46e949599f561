import { failedPaymentOn, paymentFailureOf, type PaymentFailure } from '../payments/payment-failure';

/** Where a refused or failed tip is explained: next to a field, or above the form. */
export type TipFailureField = 'amount' | 'message' | 'card' | null;

export type TipFailure = PaymentFailure<Exclude<TipFailureField, null>>;

const TIP_FAILURE_WORDS = {
  // `tips.send`'s input fields the form shows its own errors next to.
  fieldOf: { amount: 'amount', message: 'message', paymentMethod: 'card' },
  keyUsedForAnother:
    'An earlier try of this tip, with another amount, may have gone through. Send the same amount ' +
    'again to see what happened, or close this and start a new tip.',
} as const;

/**
 * What `tips.send` threw, for the fan. The server says which field it refused (`paymentMethod: Your card was
 * declined.`; several joined by "; "); a declined card is said next to the card field.
 */
export function tipFailureOf(error: unknown): TipFailure {
  return paymentFailureOf(error, TIP_FAILURE_WORDS);
}

/** A payment that failed after it was accepted (`payments.get` said `failed`): the card's reason, for good. */
export function failedPayment(reason: string | null): TipFailure {
  return failedPaymentOn('card', reason);
}
