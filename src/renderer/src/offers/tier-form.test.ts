import { describe, expect, it } from 'vitest';
import { checkTierForm, newTierForm, tierFormOf, type TierForm } from './tier-form';

const form = (change: Partial<TierForm> = {}): TierForm => ({
  ...newTierForm(2),
  name: 'Gold',
  monthlyPrice: '9.99',
  ...change,
});

describe('the tier form', () => {
  it('reads dollars as cents, perks one per line, and the discount in percent', () => {
    const checked = checkTierForm(
      form({ annualPrice: '99', perks: 'Q&A\n\n  Streams  ', trialDays: '7', ppvDiscountPercent: '15' }),
    );
    expect(checked).toEqual({
      ok: true,
      draft: {
        name: 'Gold',
        description: '',
        perks: ['Q&A', 'Streams'],
        rank: 2,
        monthlyPrice: '999',
        annualPrice: '9900',
        trialDays: 7,
        ppvDiscountBps: 1500,
      },
    });
  });

  it('shows a stored tier back as it was typed', () => {
    const draft = { ...form(), perks: 'A\nB', annualPrice: '120' };
    const checked = checkTierForm(draft);
    expect(checked.ok && tierFormOf(checked.draft)).toEqual({ ...draft, annualPrice: '120.00' });
  });

  it('says what is wrong under each field, in the shared rules’ words', () => {
    expect(
      checkTierForm(
        form({
          name: ' ',
          monthlyPrice: '0.99',
          annualPrice: '12,00',
          trialDays: '8',
          ppvDiscountPercent: '150',
        }),
      ),
    ).toEqual({
      ok: false,
      errors: {
        name: 'A tier needs a name.',
        monthlyPrice: 'A monthly price is at least $1.00.',
        annualPrice: 'Write the annual price in dollars and cents, like 9.99.',
        trialDays: 'A free trial is 0 to 7 days.',
        ppvDiscountPercent: 'The pay-per-view discount is a whole percent, 0 to 100.',
      },
    });
    expect(checkTierForm(form({ monthlyPrice: '', rank: 'top' }))).toEqual({
      ok: false,
      errors: { monthlyPrice: 'Enter the monthly price, like 9.99.', rank: 'A rank is a whole number.' },
    });
  });
});
