import { describe, expect, it } from 'vitest';
import { assertPromoExpiresLater, promoChangeSchema, promoDraftSchema } from './promo';

const messages = (input: unknown) =>
  promoDraftSchema
    .safeParse(input)
    .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('a promo code', () => {
  it('is kept upper-case, with either a percentage or an amount off', () => {
    expect(promoDraftSchema.parse({ code: ' spring-10 ', percentOff: 10 })).toEqual({
      code: 'SPRING-10',
      percentOff: 10,
      amountOff: null,
      tierId: null,
      maxUses: null,
      expiresAt: null,
    });
    expect(promoDraftSchema.parse({ code: 'FIVE', amountOff: '500' })).toMatchObject({ amountOff: '500' });
    expect(messages({ code: 'BOTH', percentOff: 10, amountOff: '500' })).toEqual([
      'percentOff: a promo takes either a percentage or an amount off',
    ]);
    expect(messages({ code: 'NONE' })).toEqual([
      'percentOff: a promo takes either a percentage or an amount off',
    ]);
  });

  it('refuses codes that are not 3 to 30 letters, digits, - or _, and discounts out of range', () => {
    expect(messages({ code: 'no way', percentOff: 10 })).toEqual([
      'code: a code is 3 to 30 letters, digits, - or _',
    ]);
    expect(messages({ code: 'ZERO', amountOff: '0' })).toEqual([
      'amountOff: an amount off is at least 1 cent',
    ]);
    expect(messages({ code: 'MORE', percentOff: 101 })).toEqual([
      'percentOff: a percentage off is a whole number from 1 to 100',
    ]);
    expect(messages({ code: 'NEVER', percentOff: 5, maxUses: 0 })).toEqual([
      'maxUses: a limit of uses is 1 to 1000000',
    ]);
  });

  it('must expire in the future', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(() => assertPromoExpiresLater({ expiresAt: '2026-06-01T12:00:00Z' }, now)).toThrow(
      'a promo must expire in the future',
    );
    expect(() => assertPromoExpiresLater({ expiresAt: '2026-06-01T12:00:01Z' }, now)).not.toThrow();
    expect(() => assertPromoExpiresLater({ expiresAt: null }, now)).not.toThrow();
  });

  it('is created, then only deactivated', () => {
    expect(promoChangeSchema.parse({ type: 'deactivate' })).toEqual({ type: 'deactivate' });
    expect(promoChangeSchema.safeParse({ type: 'update', draft: { code: 'X', percentOff: 1 } }).success).toBe(
      false,
    );
  });
});
