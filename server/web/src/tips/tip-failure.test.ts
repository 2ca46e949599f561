import { describe, expect, it } from 'vitest';
import { failedPayment, tipFailureOf } from './tip-failure';

// A TRPCClientError as the client throws it: the code sits in `data`.
const trpcError = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe('tipFailureOf', () => {
  it("says a declined card's reason next to the card field, and makes the next try a new payment", () => {
    expect(tipFailureOf(trpcError('BAD_REQUEST', 'paymentMethod: Your card was declined.'))).toEqual({
      field: 'card',
      message: 'Your card was declined.',
      newKey: true,
    });
  });

  it("puts the server's amount and message rules next to their fields, keeping the key", () => {
    expect(tipFailureOf(trpcError('BAD_REQUEST', 'amount: the smallest tip is $1.00'))).toEqual({
      field: 'amount',
      message: 'The smallest tip is $1.00.',
      newKey: false,
    });
    expect(
      tipFailureOf(trpcError('BAD_REQUEST', 'message: a tip message is at most 200 characters')),
    ).toMatchObject({ field: 'message', message: 'A tip message is at most 200 characters.' });
  });

  it('keeps the key when the server could not be reached: the retry may find the tip already made', () => {
    expect(tipFailureOf(new TypeError('Failed to fetch'))).toEqual({
      field: null,
      message: expect.stringMatching(/can't be reached/),
      newKey: false,
    });
    expect(tipFailureOf(trpcError('INTERNAL_SERVER_ERROR', 'boom'))).toMatchObject({ newKey: false });
  });

  it('warns, rather than paying again, when the key was already used for another amount', () => {
    const failure = tipFailureOf(
      trpcError(
        'BAD_REQUEST',
        'idempotencyKey: this payment key was used for another payment; start a new payment',
      ),
    );
    expect(failure).toMatchObject({ field: null, newKey: false });
    expect(failure.message).toMatch(/may have gone through/);
  });

  it("shows the server's own words above the form for what no field can fix", () => {
    expect(tipFailureOf(trpcError('NOT_FOUND', 'No such post of this creator'))).toEqual({
      field: null,
      message: 'No such post of this creator',
      newKey: false,
    });
    expect(tipFailureOf(trpcError('BAD_REQUEST', 'handle: You cannot tip yourself'))).toMatchObject({
      field: null,
      message: 'You cannot tip yourself.',
    });
  });
});

describe('failedPayment', () => {
  it('says why a payment failed after it was accepted, on the card, for good', () => {
    expect(failedPayment('The card was declined after all.')).toEqual({
      field: 'card',
      message: 'The card was declined after all.',
      newKey: true,
    });
    expect(failedPayment(null).message).toBe('The payment failed.');
  });
});
