import { describe, expect, it } from 'vitest';
import { failedPaymentOn, fieldRefusalsOf, paymentFailureOf } from './payment-failure';

// A TRPCClientError as the client throws it: the code sits in `data`.
const trpcError = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

const words = {
  fieldOf: { promoCode: 'promo', paymentMethod: 'card' },
  keyUsedForAnother: 'An earlier try may have gone through.',
} as const;

describe('fieldRefusalsOf', () => {
  it("reads each refused input and the rule's words, in the server's order", () => {
    expect(
      fieldRefusalsOf('promoCode: this promo code has expired; paymentMethod: Your card was declined.'),
    ).toEqual([
      { input: 'promoCode', text: 'this promo code has expired' },
      { input: 'paymentMethod', text: 'Your card was declined.' },
    ]);
  });

  it('keeps nested input names and reads nothing from a message without one', () => {
    expect(fieldRefusalsOf('promo.code: too long')).toEqual([{ input: 'promo.code', text: 'too long' }]);
    expect(fieldRefusalsOf('You are subscribed to this creator already')).toEqual([]);
  });
});

describe('paymentFailureOf', () => {
  it("says the form's own fields' refusals next to them, as sentences", () => {
    expect(
      paymentFailureOf(trpcError('BAD_REQUEST', 'promoCode: this promo code has expired'), words),
    ).toEqual({
      field: 'promo',
      message: 'This promo code has expired.',
      newKey: false,
    });
  });

  it('makes the next try a new payment only after the card was refused', () => {
    expect(
      paymentFailureOf(trpcError('BAD_REQUEST', 'paymentMethod: Your card was declined.'), words),
    ).toEqual({
      field: 'card',
      message: 'Your card was declined.',
      newKey: true,
    });
  });

  it("says a refused input the fan does not fill in above the form, in the rule's words", () => {
    expect(
      paymentFailureOf(trpcError('BAD_REQUEST', 'handle: You cannot subscribe to yourself'), words),
    ).toEqual({ field: null, message: 'You cannot subscribe to yourself.', newKey: false });
  });

  it('warns rather than paying again when the key was used for another payment', () => {
    expect(
      paymentFailureOf(
        trpcError('BAD_REQUEST', 'idempotencyKey: this payment key was used for another'),
        words,
      ),
    ).toEqual({ field: null, message: 'An earlier try may have gone through.', newKey: false });
  });

  it('keeps the key when the server refused for another reason or could not be reached', () => {
    expect(paymentFailureOf(trpcError('CONFLICT', 'You are subscribed already'), words)).toEqual({
      field: null,
      message: 'You are subscribed already',
      newKey: false,
    });
    expect(paymentFailureOf(new TypeError('Failed to fetch'), words)).toMatchObject({
      field: null,
      message: expect.stringMatching(/can't be reached/),
      newKey: false,
    });
  });
});

describe('failedPaymentOn', () => {
  it("puts a payment's later failure on the card field, for good", () => {
    expect(failedPaymentOn('card', 'The card was declined after all.')).toEqual({
      field: 'card',
      message: 'The card was declined after all.',
      newKey: true,
    });
    expect(failedPaymentOn('card', null).message).toBe('The payment failed.');
  });
});
