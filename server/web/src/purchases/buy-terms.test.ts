import { describe, expect, it } from 'vitest';
import { buyTerms } from './buy-terms';

describe('buyTerms', () => {
  it("says the server's price for the fan, paid once", () => {
    expect(buyTerms({ currency: 'USD', amount: '500', fullAmount: '500', discountBps: 0 })).toEqual({
      price: '$5.00',
      lines: ['$5.00, paid once.', 'The post stays open to you for good.'],
      submit: 'Buy for $5.00',
    });
  });

  it("says a subscriber's discount off the full price", () => {
    expect(buyTerms({ currency: 'USD', amount: '450', fullAmount: '500', discountBps: 1000 })).toMatchObject({
      lines: ['$5.00, less your 10% subscriber discount: $4.50.', 'The post stays open to you for good.'],
      submit: 'Buy for $4.50',
    });
  });

  it('writes nothing for a currency it does not know', () => {
    expect(buyTerms({ currency: 'EUR', amount: '500', fullAmount: '500', discountBps: 0 })).toBeNull();
  });
});
