import { describe, expect, it } from 'vitest';
import {
  SANDBOX_CARDS,
  SANDBOX_PAYMENT_METHOD_PREFIX,
  sandboxPaymentMethod as serverPaymentMethod,
} from '../../../src/adapters/payments/sandbox-rail';
import { groupCardNumber, SANDBOX_TEST_CARDS, sandboxPaymentMethod } from './sandbox-cards';

describe('the sandbox test cards', () => {
  it("are the server's sandbox cards, with the same labels, in the same order", () => {
    expect(SANDBOX_TEST_CARDS.map(({ number, label }) => [number, label])).toEqual(
      Object.entries(SANDBOX_CARDS).map(([number, card]) => [number, card.label]),
    );
  });

  it('are sent as the payment method the sandbox rail reads', () => {
    for (const { number } of SANDBOX_TEST_CARDS) {
      const typed = groupCardNumber(number);
      expect(sandboxPaymentMethod(typed)).toEqual({ ok: true, paymentMethod: serverPaymentMethod(typed) });
      expect(serverPaymentMethod(typed).startsWith(SANDBOX_PAYMENT_METHOD_PREFIX)).toBe(true);
    }
  });
});

describe('sandboxPaymentMethod', () => {
  it('reads a test card typed with spaces or dashes', () => {
    expect(sandboxPaymentMethod(' 4242 4242 4242 4242 ')).toEqual({
      ok: true,
      paymentMethod: 'sandbox_card_4242424242424242',
    });
    expect(sandboxPaymentMethod('4000-0000-0000-0002')).toEqual({
      ok: true,
      paymentMethod: 'sandbox_card_4000000000000002',
    });
  });

  it('asks for a card number when the field is empty', () => {
    expect(sandboxPaymentMethod('  ')).toEqual({ ok: false, error: expect.stringMatching(/Enter a card/) });
  });

  it('refuses letters and any card that is not one of the test cards', () => {
    expect(sandboxPaymentMethod('4242 abcd')).toEqual({ ok: false, error: 'A card number has digits only.' });
    expect(sandboxPaymentMethod('5555 5555 5555 4444')).toEqual({
      ok: false,
      error: 'The sandbox takes only the test cards listed below.',
    });
  });
});

describe('groupCardNumber', () => {
  it('groups a card number by four, as printed on the card', () => {
    expect(groupCardNumber('4000000000000002')).toBe('4000 0000 0000 0002');
  });
});
