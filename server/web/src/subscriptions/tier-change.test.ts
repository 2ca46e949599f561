import { describe, expect, it } from 'vitest';
import type { Subscription, Tier } from './subscription-types';
import { periodStartBefore, quoteTierChange } from './tier-change';

const gb = { locale: 'en-GB', timeZone: 'UTC' };
const tier = (id: string, name: string, monthlyPrice: string, annualPrice: string | null = null): Tier => ({
  id,
  name,
  description: '',
  perks: [],
  rank: 0,
  currency: 'USD',
  monthlyPrice,
  annualPrice,
  trialDays: 0,
  ppvDiscountBps: 0,
});
const silver = tier('0190a5c2-7c1e-7000-8000-000000000001', 'Silver', '500');
const gold = tier('0190a5c2-7c1e-7000-8000-000000000002', 'Gold', '2000');
const bronze = tier('0190a5c2-7c1e-7000-8000-000000000003', 'Bronze', '300');

// Silver at $5.00 a month; its period's end varies per test.
const onSilver = (changes: Partial<Subscription> = {}): Subscription => ({
  id: '0190a5c2-7c1e-7000-8000-0000000000aa',
  creatorId: '0190a5c2-7c1e-7000-8000-0000000000bb',
  tierId: silver.id,
  interval: 'month',
  currency: 'USD',
  price: '500',
  status: 'active',
  currentPeriodEnd: '2026-03-31T00:00:00.000Z',
  creator: { handle: 'mara', displayName: 'Mara' },
  tierName: 'Silver',
  cancelAtPeriodEnd: false,
  graceUntil: null,
  ...changes,
});
const now = new Date('2026-03-16T00:00:00Z');

describe('quoteTierChange', () => {
  it('charges an upgrade the prorated difference now, and says the new price from the next renewal', () => {
    const quote = quoteTierChange(
      onSilver({ currentPeriodEnd: '2026-04-30T00:00:00.000Z' }),
      gold,
      new Date('2026-04-15T00:00:00Z'),
      gb,
    );
    // 30 April back one month is 30 March; 15 of 31 days left: ($20 − $5) × 15/31 = $7.2580… → $7.25.
    expect(quote).toEqual({
      kind: 'upgrade',
      lines: [
        'You pay about $7.25 now, to your card on file: the difference for the rest of this period, until 30 April.',
        'From 30 April, $20.00/month.',
      ],
      submit: 'Upgrade and pay about $7.25',
    });
  });

  it('credits a downgrade the difference for the time left, to the next payments', () => {
    const quote = quoteTierChange(
      onSilver({ currentPeriodEnd: '2026-04-16T00:00:00.000Z' }),
      bronze,
      now,
      gb,
    );
    // 16 March to 16 April: 31 days, all left: ($3 − $5) × 31/31 = −$2.00.
    expect(quote).toEqual({
      kind: 'downgrade',
      lines: [
        'You move now. The difference for the rest of this period, about $2.00, is taken off your next payments.',
        'From 16 April, $3.00/month.',
      ],
      submit: 'Change to Bronze',
    });
  });

  it('changes a trial at once, for nothing', () => {
    expect(quoteTierChange(onSilver({ status: 'trialing' }), gold, now, gb)).toEqual({
      kind: 'trial',
      lines: [
        'You move now, and your free trial goes on until 31 March: nothing is charged today.',
        'From 31 March, $20.00/month.',
      ],
      submit: 'Change to Gold',
    });
  });

  it('says why a change cannot be made instead of offering it', () => {
    expect(quoteTierChange(onSilver(), silver, now, gb)).toEqual({ kind: 'current' });
    expect(quoteTierChange(onSilver({ status: 'past_due' }), gold, now, gb)).toMatchObject({
      kind: 'unavailable',
      reason: expect.stringMatching(/update your card first/),
    });
    expect(quoteTierChange(onSilver({ interval: 'year', price: '5000' }), gold, now, gb)).toMatchObject({
      kind: 'unavailable',
      reason: 'This tier has no yearly price, so a yearly subscription cannot move to it.',
    });
    expect(quoteTierChange(onSilver({ status: 'lapsed' }), gold, now, gb)).toMatchObject({
      kind: 'unavailable',
    });
  });

  it('prices a yearly subscription by the yearly prices', () => {
    const yearlyGold = { ...gold, annualPrice: '20000' };
    const quote = quoteTierChange(
      onSilver({ interval: 'year', price: '5000', currentPeriodEnd: '2027-03-16T00:00:00.000Z' }),
      yearlyGold,
      now,
      gb,
    );
    // The whole year left: $200 − $50.
    expect(quote).toMatchObject({ kind: 'upgrade', submit: 'Upgrade and pay about $150.00' });
    expect(quote.kind === 'upgrade' && quote.lines[1]).toBe('From 16 March 2027, $200.00/year.');
  });
});

describe('periodStartBefore', () => {
  it('is one interval earlier on the same day, or the last day of a shorter month', () => {
    expect(periodStartBefore(new Date('2026-04-05T10:00:00Z'), 'month').toISOString()).toBe(
      '2026-03-05T10:00:00.000Z',
    );
    expect(periodStartBefore(new Date('2026-03-31T10:00:00Z'), 'month').toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
    expect(periodStartBefore(new Date('2026-01-15T10:00:00Z'), 'month').toISOString()).toBe(
      '2025-12-15T10:00:00.000Z',
    );
    expect(periodStartBefore(new Date('2029-02-28T10:00:00Z'), 'year').toISOString()).toBe(
      '2028-02-28T10:00:00.000Z',
    );
  });
});
