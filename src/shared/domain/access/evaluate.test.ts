import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { NOW, ruleArbitrary, smallLeafRule, TIER_RANKS, viewerFacts } from '../../test/rule-arbitraries';
import { MAX_RULE_DEPTH, type AccessFacts, type AccessRule } from './rule';

const DAY = 24 * 60 * 60 * 1000;

/** A signed-in stranger: follows nothing, owns nothing. */
function viewer(overrides: Partial<AccessFacts> = {}): AccessFacts {
  return {
    now: NOW,
    isOwner: false,
    isFollower: false,
    subscription: null,
    tierRanks: TIER_RANKS,
    purchasedItemIds: new Set(),
    tips: [],
    holdings: new Map(),
    ...overrides,
  };
}

const gold = { tierId: 'gold', rank: 3 };
const silver = { tierId: 'silver', rank: 2 };
const usd = (minor: string) => ({ currency: 'USD' as const, minor });
const tip = (minor: bigint, daysAgo: number, currency: 'USD' | 'USDC' | 'MESI' = 'USD') => ({
  currency,
  minor,
  at: new Date(NOW.getTime() - daysAgo * DAY),
});

describe('evaluate', () => {
  it('opens public things to everyone', () => {
    expect(evaluate({ kind: 'public' }, viewer())).toBe(true);
  });

  it('opens follower things to followers and to subscribers, not to strangers', () => {
    const rule: AccessRule = { kind: 'follower' };
    expect(evaluate(rule, viewer({ isFollower: true }))).toBe(true);
    expect(evaluate(rule, viewer({ subscription: silver }))).toBe(true);
    expect(evaluate(rule, viewer())).toBe(false);
  });

  it('opens subscriber things to any subscriber, not to followers', () => {
    const rule: AccessRule = { kind: 'subscriber' };
    expect(evaluate(rule, viewer({ subscription: { tierId: 'bronze', rank: 1 } }))).toBe(true);
    expect(evaluate(rule, viewer({ isFollower: true }))).toBe(false);
  });

  it('opens a tier to that tier and higher ones', () => {
    const rule: AccessRule = { kind: 'subscriber', minTier: 'silver' };
    expect(evaluate(rule, viewer({ subscription: silver }))).toBe(true);
    expect(evaluate(rule, viewer({ subscription: gold }))).toBe(true);
    expect(evaluate(rule, viewer({ subscription: { tierId: 'bronze', rank: 1 } }))).toBe(false);
    expect(evaluate(rule, viewer())).toBe(false);
  });

  it('denies a tier the creator does not have, even to the top subscriber', () => {
    expect(evaluate({ kind: 'subscriber', minTier: 'diamond' }, viewer({ subscription: gold }))).toBe(false);
  });

  it('opens a purchased item to its buyers only', () => {
    const rule: AccessRule = { kind: 'purchased', itemId: 'item-1' };
    expect(evaluate(rule, viewer({ purchasedItemIds: new Set(['item-1']) }))).toBe(true);
    expect(evaluate(rule, viewer({ purchasedItemIds: new Set(['item-2']) }))).toBe(false);
  });

  describe('tipped', () => {
    const rule: AccessRule = { kind: 'tipped', min: usd('5000') };

    it('counts the sum of tips, and exactly the minimum is enough', () => {
      expect(evaluate(rule, viewer({ tips: [tip(3000n, 400), tip(2000n, 1)] }))).toBe(true);
      expect(evaluate(rule, viewer({ tips: [tip(3000n, 400), tip(1999n, 1)] }))).toBe(false);
      expect(evaluate(rule, viewer())).toBe(false);
    });

    it('never counts tips in another currency', () => {
      expect(evaluate(rule, viewer({ tips: [tip(10n ** 20n, 1, 'USDC'), tip(10n ** 30n, 1, 'MESI')] }))).toBe(
        false,
      );
      expect(evaluate(rule, viewer({ tips: [tip(10n ** 20n, 1, 'USDC'), tip(5000n, 1)] }))).toBe(true);
    });

    it('counts only tips inside the window, its first instant included', () => {
      const recent: AccessRule = { kind: 'tipped', min: usd('5000'), withinDays: 30 };
      expect(evaluate(recent, viewer({ tips: [tip(5000n, 30)] }))).toBe(true);
      const justOutside = {
        currency: 'USD' as const,
        minor: 5000n,
        at: new Date(NOW.getTime() - 30 * DAY - 1),
      };
      expect(evaluate(recent, viewer({ tips: [justOutside] }))).toBe(false);
      expect(evaluate(recent, viewer({ tips: [tip(2500n, 29), tip(2500n, 31)] }))).toBe(false);
    });

    it('ignores tips dated after now', () => {
      expect(evaluate(rule, viewer({ tips: [tip(5000n, -1)] }))).toBe(false);
      expect(evaluate(rule, viewer({ tips: [tip(5000n, 0)] }))).toBe(true);
    });

    it('keeps a stored zero threshold closed, even to a viewer who never tipped', () => {
      const zero: AccessRule = { kind: 'tipped', min: { currency: 'USD', minor: '0' } };
      expect(evaluate(zero, viewer())).toBe(false);
    });

    it('compares 18-decimal amounts exactly', () => {
      const mesi: AccessRule = { kind: 'tipped', min: { currency: 'MESI', minor: '1000000000000000001' } };
      expect(evaluate(mesi, viewer({ tips: [tip(10n ** 18n, 1, 'MESI')] }))).toBe(false);
      expect(evaluate(mesi, viewer({ tips: [tip(10n ** 18n, 1, 'MESI'), tip(1n, 1, 'MESI')] }))).toBe(true);
    });

    it('denies when the threshold is malformed', () => {
      expect(evaluate({ kind: 'tipped', min: usd('-1') }, viewer({ tips: [tip(5n, 1)] }))).toBe(false);
      expect(evaluate({ kind: 'tipped', min: usd('1e3') }, viewer({ tips: [tip(5000n, 1)] }))).toBe(false);
    });
  });

  it('opens a holders-only thing to those who hold enough of the collection', () => {
    const rule: AccessRule = { kind: 'holds', collection: 'col-a', count: 2 };
    expect(evaluate(rule, viewer({ holdings: new Map([['col-a', 2]]) }))).toBe(true);
    expect(evaluate(rule, viewer({ holdings: new Map([['col-a', 1]]) }))).toBe(false);
    expect(evaluate(rule, viewer({ holdings: new Map([['col-b', 5]]) }))).toBe(false);
  });

  it('opens from the date on, exactly at the date included', () => {
    const at = (iso: string): AccessRule => ({ kind: 'after', date: iso });
    expect(evaluate(at(NOW.toISOString()), viewer())).toBe(true);
    expect(evaluate(at(new Date(NOW.getTime() + 1).toISOString()), viewer())).toBe(false);
    expect(evaluate(at('2026-06-01T14:00:00+02:00'), viewer())).toBe(true); // 12:00 UTC
    expect(evaluate(at('2026-06-01T14:00:01+02:00'), viewer())).toBe(false);
    expect(evaluate(at('not a date'), viewer())).toBe(false);
  });

  it('combines rules with all and any', () => {
    const rule: AccessRule = {
      kind: 'all',
      rules: [
        { kind: 'subscriber', minTier: 'gold' },
        {
          kind: 'any',
          rules: [
            { kind: 'purchased', itemId: 'item-1' },
            { kind: 'tipped', min: usd('5000') },
          ],
        },
      ],
    };
    expect(evaluate(rule, viewer({ subscription: gold, purchasedItemIds: new Set(['item-1']) }))).toBe(true);
    expect(evaluate(rule, viewer({ subscription: gold, tips: [tip(5000n, 3)] }))).toBe(true);
    expect(evaluate(rule, viewer({ subscription: gold }))).toBe(false);
    expect(evaluate(rule, viewer({ subscription: silver, tips: [tip(5000n, 3)] }))).toBe(false);
  });

  it('denies empty lists instead of treating them as vacuously true', () => {
    expect(evaluate({ kind: 'all', rules: [] }, viewer())).toBe(false);
    expect(evaluate({ kind: 'any', rules: [] }, viewer())).toBe(false);
  });

  it('denies a rule nested deeper than the limit, and an unknown kind', () => {
    let deep: AccessRule = { kind: 'public' };
    for (let i = 1; i < MAX_RULE_DEPTH; i++) deep = { kind: 'all', rules: [deep] };
    expect(evaluate(deep, viewer())).toBe(true);
    expect(evaluate({ kind: 'any', rules: [deep] }, viewer())).toBe(false);
    expect(evaluate({ kind: 'everyone' } as unknown as AccessRule, viewer())).toBe(false);
  });

  it('lets the owner see everything, however it is locked', () => {
    const owner = viewer({ isOwner: true });
    expect(evaluate({ kind: 'subscriber', minTier: 'diamond' }, owner)).toBe(true);
    expect(evaluate({ kind: 'after', date: '2999-01-01T00:00:00Z' }, owner)).toBe(true);
    fc.assert(fc.property(ruleArbitrary(smallLeafRule), (rule) => evaluate(rule, owner)));
  });

  describe('properties', () => {
    const rule = ruleArbitrary(smallLeafRule);

    it('a list of one rule means that rule', () => {
      fc.assert(
        fc.property(rule, viewerFacts, (r, facts) => {
          const alone = evaluate(r, facts);
          expect(evaluate({ kind: 'all', rules: [r] }, facts)).toBe(alone);
          expect(evaluate({ kind: 'any', rules: [r] }, facts)).toBe(alone);
        }),
      );
    });

    it('all is AND and any is OR, in any order', () => {
      fc.assert(
        fc.property(rule, rule, viewerFacts, (a, b, facts) => {
          const ea = evaluate(a, facts);
          const eb = evaluate(b, facts);
          expect(evaluate({ kind: 'all', rules: [a, b] }, facts)).toBe(ea && eb);
          expect(evaluate({ kind: 'any', rules: [a, b] }, facts)).toBe(ea || eb);
          expect(evaluate({ kind: 'all', rules: [b, a] }, facts)).toBe(ea && eb);
          expect(evaluate({ kind: 'any', rules: [b, a] }, facts)).toBe(ea || eb);
        }),
      );
    });

    it('all and any distribute over each other and all implies any', () => {
      fc.assert(
        fc.property(rule, rule, rule, viewerFacts, (a, b, c, facts) => {
          const and = (...rules: AccessRule[]): AccessRule => ({ kind: 'all', rules });
          const or = (...rules: AccessRule[]): AccessRule => ({ kind: 'any', rules });
          expect(evaluate(and(a, or(b, c)), facts)).toBe(evaluate(or(and(a, b), and(a, c)), facts));
          expect(evaluate(or(a, and(b, c)), facts)).toBe(evaluate(and(or(a, b), or(a, c)), facts));
          // not(any(a, b)) ⇔ neither a nor b; not(all(a, b)) ⇔ not a or not b.
          expect(!evaluate(or(a, b), facts)).toBe(!evaluate(a, facts) && !evaluate(b, facts));
          expect(!evaluate(and(a, b), facts)).toBe(!evaluate(a, facts) || !evaluate(b, facts));
          if (evaluate(and(a, b, c), facts)) expect(evaluate(or(a, b, c), facts)).toBe(true);
        }),
      );
    });

    it('more facts never lock a viewer out (following, subscribing higher, tipping, buying)', () => {
      fc.assert(
        fc.property(rule, viewerFacts, (r, facts) => {
          if (!evaluate(r, facts)) return;
          const richer: AccessFacts = {
            ...facts,
            isFollower: true,
            purchasedItemIds: new Set([...facts.purchasedItemIds, 'item-9']),
            tips: [...facts.tips, tip(100n, 1)],
          };
          expect(evaluate(r, richer)).toBe(true);
        }),
      );
    });
  });
});
