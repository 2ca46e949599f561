import { paymentFailureOf, type PaymentFailure } from '../payments/payment-failure';

/** The subscribe form's fields the server's refusals are said next to. */
export type SubscribeField = 'interval' | 'promo' | 'card';

export type SubscribeFailure = PaymentFailure<SubscribeField>;

/**
 * What `subscriptions.subscribe` threw, for the fan: `promoCode: this promo code has expired` next to the promo
 * field, `paymentMethod: Your card was declined.` next to the card (the next try is then a new subscription under
 * a new key: the declined one is over), `interval: …` next to the choice of interval. A conflict (subscribed
 * already, a trial used meanwhile) is said above the form in the server's words.
 */
export function subscribeFailureOf(error: unknown): SubscribeFailure {
  return paymentFailureOf(error, {
    fieldOf: { interval: 'interval', promoCode: 'promo', paymentMethod: 'card' },
    keyUsedForAnother:
      'An earlier try of this subscription may have gone through. Close this and look under My subscriptions.',
  });
}

/** The fields of the tier-change and card forms: the card on file is the only one the server may refuse. */
export function cardFailureOf(error: unknown): PaymentFailure<'card'> {
  return paymentFailureOf(error, {
    fieldOf: { paymentMethod: 'card' },
    keyUsedForAnother: 'An earlier try of this change may have gone through. Close this and look again.',
  });
}
