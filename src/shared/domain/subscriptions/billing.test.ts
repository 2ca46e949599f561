import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amount } from '../money/amount';
import { discounted, nextPeriodEnd, proration, withTierDiscount } from './billing';

const usd = (minor: bigint) => amount('USD', minor);

describe('subscription billing rules', () => {
  it('renews on the anniversary, clamping to the month end without drifting', () => {
    const anchor = new Date('2026-01-31T15:30:00.000Z');
    expect(nextPeriodEnd(anchor, 1, 'month').toISOString()).toBe('2026-02-28T15:30:00.000Z');
    expect(nextPeriodEnd(anchor, 2, 'month').toISOString()).toBe('2026-03-31T15:30:00.000Z');
    expect(nextPeriodEnd(new Date('2028-02-29T00:00:00.000Z'), 1, 'year').toISOString()).toBe(
      '2029-02-28T00:00:00.000Z',
    );
    expect(nextPeriodEnd(anchor, 12, 'month')).toEqual(nextPeriodEnd(anchor, 1, 'year'));
  });

  it('every period is later than the one before, and a month is 28 to 31 days', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (anchor, n) => {
          const end = nextPeriodEnd(anchor, n, 'month');
          const before = n === 1 ? anchor : nextPeriodEnd(anchor, n - 1, 'month');
          const days = (end.getTime() - before.getTime()) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28);
          expect(days).toBeLessThanOrEqual(31);
        },
      ),
    );
  });

  it('applies promos in the fan favour and never below zero', () => {
    expect(discounted(usd(999n), { percentOff: 50 }).minor).toBe(499n);
    expect(discounted(usd(999n), { percentOff: 100 }).minor).toBe(0n);
    expect(discounted(usd(500n), { amountOff: usd(700n) }).minor).toBe(0n);
    expect(() => discounted(usd(500n), { percentOff: 0 })).toThrow(/1 to 100/);
    expect(() => discounted(usd(500n), { amountOff: amount('USDC', 1n) })).toThrow(/in USD/);
    expect(withTierDiscount(usd(999n), 1500).minor).toBe(849n);
  });

  it('prorates an upgrade and a downgrade for the time left, exactly opposite', () => {
    const period = {
      periodStart: new Date('2026-03-01T00:00:00Z'),
      periodEnd: new Date('2026-03-31T00:00:00Z'),
    };
    const at = new Date('2026-03-16T00:00:00Z'); // half-way
    expect(proration({ ...period, at, oldPrice: usd(1000n), newPrice: usd(3000n) })).toBe(1000n);
    expect(proration({ ...period, at, oldPrice: usd(3000n), newPrice: usd(1000n) })).toBe(-1000n);
    expect(proration({ ...period, at: period.periodEnd, oldPrice: usd(1000n), newPrice: usd(3000n) })).toBe(
      0n,
    );
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10n ** 9n),
        fc.bigInt(0n, 10n ** 9n),
        fc.integer({ min: 0, max: 30 }),
        (a, b, day) => {
          const when = new Date(period.periodStart.getTime() + day * 86_400_000);
          const up = proration({ ...period, at: when, oldPrice: usd(a), newPrice: usd(b) });
          const down = proration({ ...period, at: when, oldPrice: usd(b), newPrice: usd(a) });
          expect(up).toBe(-down);
          expect(up < 0n ? -up : up).toBeLessThanOrEqual(a > b ? a - b : b - a);
        },
      ),
    );
  });
});
