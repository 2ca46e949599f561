import type { StripeCardElement } from '@stripe/stripe-js';
import { describe, expect, it, vi } from 'vitest';
import {
  STRIPE_LOADING,
  STRIPE_UNREACHABLE,
  stripeCardPaymentMethod,
  type PaymentMethodMaker,
} from './stripe-card';

// A FAKE of Stripe.js's createPaymentMethod, answering as Stripe documents it: { paymentMethod } or { error }.
function fakeStripe(answer: () => Promise<unknown>) {
  const createPaymentMethod = vi.fn(answer);
  return { stripe: { createPaymentMethod } as unknown as PaymentMethodMaker, createPaymentMethod };
}
// Stands for the card field Elements hands over on ready; the fake Stripe only passes it along.
const cardField = { elementType: 'card' } as unknown as StripeCardElement;

describe("stripeCardPaymentMethod: Stripe's answers as the payment forms take them", () => {
  it("gives Stripe's pm_… id for a card Stripe accepted, made from the card field", async () => {
    const fake = fakeStripe(() => Promise.resolve({ paymentMethod: { id: 'pm_1Fake' } }));
    expect(await stripeCardPaymentMethod(fake.stripe, cardField)).toEqual({
      ok: true,
      paymentMethod: 'pm_1Fake',
    });
    expect(fake.createPaymentMethod).toHaveBeenCalledWith({ type: 'card', card: cardField });
  });

  it("says Stripe's own message for what is wrong with the card, for the card's field", async () => {
    const fake = fakeStripe(() =>
      Promise.resolve({
        error: {
          type: 'validation_error',
          code: 'incomplete_number',
          message: 'Your card number is incomplete.',
        },
      }),
    );
    expect(await stripeCardPaymentMethod(fake.stripe, cardField)).toEqual({
      ok: false,
      error: 'Your card number is incomplete.',
    });
  });

  it('says the card was not accepted when Stripe gives no message', async () => {
    const fake = fakeStripe(() => Promise.resolve({ error: { type: 'card_error' } }));
    expect(await stripeCardPaymentMethod(fake.stripe, cardField)).toEqual({
      ok: false,
      error: 'This card was not accepted; check its details.',
    });
  });

  it('says Stripe could not be reached when the call throws, instead of failing the form', async () => {
    const fake = fakeStripe(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await stripeCardPaymentMethod(fake.stripe, cardField)).toEqual({
      ok: false,
      error: STRIPE_UNREACHABLE,
    });
  });

  it('answers at once that the form is still loading when the card field is not ready, without calling Stripe', async () => {
    const fake = fakeStripe(() => Promise.resolve({ paymentMethod: { id: 'pm_never' } }));
    expect(await stripeCardPaymentMethod(fake.stripe, null)).toEqual({ ok: false, error: STRIPE_LOADING });
    expect(fake.createPaymentMethod).not.toHaveBeenCalled();
  });
});
