import { describe, expect, it } from 'vitest';
import { annualSaving, pricePer, renewalRhythm, subscribeTerms, tierPerks, trialText } from './price-labels';
import type { Tier } from './subscription-types';

const gb = { locale: 'en-GB', timeZone: 'UTC' };
const gold: Tier = {
  id: '0190a5c2-7c1e-7000-8000-000000000001',
  name: 'Gold',
  description: '',
  perks: ['Every post', 'DMs open'],
  rank: 1,
  currency: 'USD',
  monthlyPrice: '500',
  annualPrice: '5000',
  trialDays: 0,
  ppvDiscountBps: 0,
};

describe('prices', () => {
  it('are written per month or per year, in dollars and cents', () => {
    expect(pricePer('USD', '500', 'month')).toBe('$5.00/month');
    expect(pricePer('USD', '120000', 'year')).toBe('$1,200.00/year');
  });

  it('say what a year saves against twelve months, rounded down, and nothing when it saves nothing', () => {
    // 12 × $5.00 = $60.00; $50.00 saves 16.67 %.
    expect(annualSaving(gold)).toBe(16);
    expect(annualSaving({ monthlyPrice: '500', annualPrice: '6000' })).toBeNull();
    expect(annualSaving({ monthlyPrice: '500', annualPrice: '7000' })).toBeNull();
    expect(annualSaving({ monthlyPrice: '500', annualPrice: null })).toBeNull();
  });
});

describe('a tier', () => {
  it('names its free trial only when it has one', () => {
    expect(trialText(7)).toBe('Includes a free trial of 7 days');
    expect(trialText(1)).toBe('Includes a free trial of 1 day');
    expect(trialText(0)).toBeNull();
  });

  it("lists its pay-per-view discount after the creator's perks", () => {
    expect(tierPerks({ perks: ['DMs open'], ppvDiscountBps: 1500 })).toEqual([
      'DMs open',
      '15% off pay-per-view posts',
    ]);
    expect(tierPerks({ perks: [], ppvDiscountBps: 1250 })).toEqual(['12.5% off pay-per-view posts']);
    expect(tierPerks({ perks: [], ppvDiscountBps: 0 })).toEqual([]);
  });
});

describe('renewalRhythm', () => {
  it('renews monthly on the day of the month it started, yearly on its date', () => {
    expect(renewalRhythm('month', new Date('2026-03-05T10:00:00Z'), gb)).toBe('Renews monthly on the 5th');
    expect(renewalRhythm('year', new Date('2026-03-05T10:00:00Z'), gb)).toBe('Renews yearly on 5 March');
  });

  it('says what happens in months without that day', () => {
    expect(renewalRhythm('month', new Date('2026-01-31T10:00:00Z'), gb)).toBe(
      'Renews monthly on the 31st (the last day in shorter months)',
    );
  });
});

describe('subscribeTerms', () => {
  const now = new Date('2026-03-05T10:00:00Z');

  it('charges a tier without a trial today, and renews on the anniversary', () => {
    expect(subscribeTerms(gold, 'month', now, gb)).toEqual({
      price: '$5.00/month',
      dueToday: '$5.00',
      lines: ['$5.00 today.', 'Renews monthly on the 5th; cancel anytime.'],
      trialNote: null,
      submit: 'Subscribe for $5.00/month',
    });
    expect(subscribeTerms(gold, 'year', now, gb)).toMatchObject({
      price: '$50.00/year',
      dueToday: '$50.00',
      lines: ['$50.00 today.', 'Renews yearly on 5 March; cancel anytime.'],
      submit: 'Subscribe for $50.00/year',
    });
  });

  it('starts a trial for nothing, with the first payment and the renewals on its last day', () => {
    const terms = subscribeTerms({ ...gold, trialDays: 7 }, 'month', now, gb);
    expect(terms).toMatchObject({
      dueToday: '$0.00',
      lines: [
        'Free for 7 days, then $5.00/month from 12 March.',
        'Renews monthly on the 12th; cancel before 12 March and you pay nothing.',
      ],
      submit: 'Start free trial',
    });
    // The server gives one trial per fan and creator; the page does not know of an earlier one.
    expect(terms.trialNote).toBe(
      'One free trial per fan and creator: if you have had one here before, you pay $5.00 today instead.',
    );
  });
});
