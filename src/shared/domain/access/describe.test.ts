import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRule } from './describe';
import { anyLeafRule, ruleArbitrary } from '../../test/rule-arbitraries';
import { type AccessRule } from './rule';

describe('describeRule', () => {
  it('names each kind in plain English', () => {
    expect(describeRule({ kind: 'public' })).toBe('Everyone');
    expect(describeRule({ kind: 'follower' })).toBe('Followers');
    expect(describeRule({ kind: 'subscriber' })).toBe('Subscribers');
    expect(describeRule({ kind: 'subscriber', minTier: 'gold' })).toBe('Subscribers (gold tier or higher)');
    expect(describeRule({ kind: 'purchased', itemId: 'item-1' })).toBe('Purchase');
    expect(describeRule({ kind: 'holds', collection: 'collection', count: 2 })).toBe(
      'Holders of 2 × collection',
    );
  });

  it('shows tip thresholds as money with their window', () => {
    expect(describeRule({ kind: 'tipped', min: { currency: 'USD', minor: '5000' }, withinDays: 30 })).toBe(
      'Tipped $50.00 in the last 30 days',
    );
    expect(describeRule({ kind: 'tipped', min: { currency: 'USDC', minor: '12500000' } })).toBe(
      'Tipped 12.5 USDC',
    );
    expect(describeRule({ kind: 'tipped', min: { currency: 'MESI', minor: '10' }, withinDays: 1 })).toBe(
      'Tipped 0.00000000000000001 MESI in the last day',
    );
  });

  it('shows dates as UTC ISO dates, with the time only when it is not midnight', () => {
    expect(describeRule({ kind: 'after', date: '2026-12-01T00:00:00Z' })).toBe('Available from 2026-12-01');
    expect(describeRule({ kind: 'after', date: '2026-12-01T18:30:00Z' })).toBe(
      'Available from 2026-12-01 18:30 UTC',
    );
    expect(describeRule({ kind: 'after', date: '2026-12-01T01:00:00+02:00' })).toBe(
      'Available from 2026-11-30 23:00 UTC',
    );
  });

  it('joins combinations with and/or, with parentheses around nested ones', () => {
    const rule: AccessRule = {
      kind: 'all',
      rules: [
        { kind: 'subscriber', minTier: 'gold' },
        { kind: 'any', rules: [{ kind: 'follower' }, { kind: 'purchased', itemId: 'x' }] },
        { kind: 'any', rules: [{ kind: 'holds', collection: 'c', count: 1 }] },
      ],
    };
    expect(describeRule(rule)).toBe(
      'Subscribers (gold tier or higher) and (Followers or Purchase) and Holders of 1 × c',
    );
    expect(describeRule({ kind: 'any', rules: [{ kind: 'follower' }, { kind: 'subscriber' }] })).toBe(
      'Followers or Subscribers',
    );
  });

  it('describes every valid rule without throwing', () => {
    fc.assert(
      fc.property(ruleArbitrary(anyLeafRule), (rule) => {
        expect(describeRule(rule).length).toBeGreaterThan(0);
      }),
    );
  });

  it('names a tier by the name the caller knows, inside combinations too, and falls back to its id', () => {
    const names = { tierName: (id: string) => (id === 'tier-1' ? 'Gold' : undefined) };
    expect(describeRule({ kind: 'subscriber', minTier: 'tier-1' }, names)).toBe(
      'Subscribers (Gold tier or higher)',
    );
    expect(
      describeRule(
        {
          kind: 'any',
          rules: [
            { kind: 'subscriber', minTier: 'tier-1' },
            { kind: 'purchased', itemId: 'p' },
          ],
        },
        names,
      ),
    ).toBe('Subscribers (Gold tier or higher) or Purchase');
    expect(describeRule({ kind: 'subscriber', minTier: 'tier-2' }, names)).toBe(
      'Subscribers (tier-2 tier or higher)',
    );
  });
});
