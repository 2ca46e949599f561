import { describe, expect, it } from 'vitest';
import { checkPromoForm, endOfDay, NEW_PROMO_FORM, type PromoForm } from './promo-form';

const NOW = new Date('2026-06-01T12:00:00');
const form = (change: Partial<PromoForm> = {}): PromoForm => ({
  ...NEW_PROMO_FORM,
  code: 'spring',
  ...change,
});

describe('the promo code form', () => {
  it('takes a percentage or an amount in dollars, a tier, a limit and a last day', () => {
    expect(checkPromoForm(form({ percentOff: '20', maxUses: '100', expiresOn: '2026-06-30' }), NOW)).toEqual({
      ok: true,
      draft: {
        code: 'SPRING',
        percentOff: 20,
        amountOff: null,
        tierId: null,
        maxUses: 100,
        expiresAt: endOfDay('2026-06-30')!.toISOString(),
      },
    });
    expect(
      checkPromoForm(form({ discountKind: 'amount', amountOff: '2.50', percentOff: '20' }), NOW),
    ).toMatchObject({
      ok: true,
      draft: { percentOff: null, amountOff: '250' },
    });
  });

  it('works until the end of its last day, and refuses a day already gone', () => {
    expect(checkPromoForm(form({ percentOff: '5', expiresOn: '2026-06-01' }), NOW).ok).toBe(true);
    expect(checkPromoForm(form({ percentOff: '5', expiresOn: '2026-05-31' }), NOW)).toEqual({
      ok: false,
      errors: { expiresOn: 'The last day the code works must be today or later.' },
    });
  });

  it('says what is wrong under each field', () => {
    expect(checkPromoForm(form({ code: 'x y', percentOff: '0', maxUses: 'lots' }), NOW)).toEqual({
      ok: false,
      errors: {
        code: 'A code is 3 to 30 letters, digits, - or _.',
        discount: 'The percentage off is a whole number from 1 to 100.',
        maxUses: 'The limit of uses is a whole number from 1, or empty for no limit.',
      },
    });
    expect(checkPromoForm(form({ discountKind: 'amount', amountOff: '' }), NOW)).toEqual({
      ok: false,
      errors: { discount: 'Enter the amount off, like 9.99.' },
    });
  });
});
