import { describe, expect, it } from 'vitest';
import { cardFailureOf, subscribeFailureOf } from './subscribe-failure';

// A TRPCClientError as the client throws it: the code sits in `data`.
const trpcError = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe('subscribeFailureOf', () => {
  it('says an expired or unknown promo code next to the promo field, keeping the key', () => {
    expect(subscribeFailureOf(trpcError('BAD_REQUEST', 'promoCode: this promo code has expired'))).toEqual({
      field: 'promo',
      message: 'This promo code has expired.',
      newKey: false,
    });
    expect(
      subscribeFailureOf(trpcError('BAD_REQUEST', 'promoCode: this promo code does not exist')),
    ).toMatchObject({
      field: 'promo',
      message: 'This promo code does not exist.',
    });
  });

  it('says a declined card next to the card field, and makes the next try a new subscription', () => {
    expect(subscribeFailureOf(trpcError('BAD_REQUEST', 'paymentMethod: Your card was declined.'))).toEqual({
      field: 'card',
      message: 'Your card was declined.',
      newKey: true,
    });
  });

  it('says a missing yearly price next to the choice of interval', () => {
    expect(subscribeFailureOf(trpcError('BAD_REQUEST', 'interval: this tier has no annual price'))).toEqual({
      field: 'interval',
      message: 'This tier has no annual price.',
      newKey: false,
    });
  });

  it("says a conflict above the form in the server's words", () => {
    expect(
      subscribeFailureOf(
        trpcError('CONFLICT', 'You are subscribed to this creator already; change your tier instead'),
      ),
    ).toEqual({
      field: null,
      message: 'You are subscribed to this creator already; change your tier instead',
      newKey: false,
    });
  });
});

describe('cardFailureOf', () => {
  it('puts a refused card on the card field, and anything else above the form as a sentence', () => {
    expect(cardFailureOf(trpcError('BAD_REQUEST', 'paymentMethod: Your card was declined.'))).toMatchObject({
      field: 'card',
      newKey: true,
    });
    expect(
      cardFailureOf(
        trpcError('BAD_REQUEST', 'subscriptionId: only a subscription still running can be resumed'),
      ),
    ).toEqual({ field: null, message: 'Only a subscription still running can be resumed.', newKey: false });
  });
});
