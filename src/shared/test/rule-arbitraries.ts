import fc from 'fast-check';
import { CURRENCIES, type Currency } from '../domain/money/amount';
import { type AccessFacts, type AccessRule } from '../domain/access/rule';

/**
 * fast-check generators of access rules and viewer facts, for the property tests of evaluate, describe and the
 * text form. Not used by product code.
 */

/**
 * Wraps leaf rules into all/any combinations, nesting at most `maxDepth` combinations deep; at most 3 children a
 * group keeps a rule of depth 3 within the size limit (1 + 3 + 9 + 27 conditions).
 */
export function ruleArbitrary(leaf: fc.Arbitrary<AccessRule>, maxDepth = 3): fc.Arbitrary<AccessRule> {
  const { rule } = fc.letrec<{ rule: AccessRule }>((tie) => ({
    rule: fc.oneof(
      { maxDepth, depthIdentifier: 'access-rule' },
      leaf,
      fc
        .tuple(
          fc.constantFrom('all' as const, 'any' as const),
          fc.array(tie('rule'), { minLength: 1, maxLength: 3 }),
        )
        .map<AccessRule>(([kind, rules]) => ({ kind, rules })),
    ),
  }));
  return rule;
}

/** Ids the schema accepts: any characters but control characters, no spaces around them. */
const idText = (max: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.stringMatching(new RegExp(`^[a-z0-9_.:/+-]{1,${Math.min(max, 20)}}$`)),
      fc.string({ minLength: 1, maxLength: max }),
      fc.string({ minLength: 1, maxLength: max, unit: 'binary' }).filter((s) => s.length <= max),
    )
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .filter((s) => s.trim() === s && s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s));

const isoDate = fc.oneof(
  fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-12-01T00:00:00Z', '2026-12-01T09:30:00+02:00', '2027-01-15T23:59:59.5-05:00'),
);

/** Any leaf the schema accepts: odd ids, 78-digit thresholds, dates with offsets. */
export const anyLeafRule: fc.Arbitrary<AccessRule> = fc.oneof(
  fc.constant<AccessRule>({ kind: 'public' }),
  fc.constant<AccessRule>({ kind: 'follower' }),
  fc
    .option(idText(64), { nil: undefined })
    .map<AccessRule>((minTier) =>
      minTier === undefined ? { kind: 'subscriber' } : { kind: 'subscriber', minTier },
    ),
  idText(64).map<AccessRule>((itemId) => ({ kind: 'purchased', itemId })),
  fc
    .tuple(
      fc.constantFrom<Currency>(...CURRENCIES),
      fc.bigInt({ min: 1n, max: 10n ** 78n - 1n }), // a threshold is positive (THRESHOLD_MINOR_PATTERN)
      fc.option(fc.integer({ min: 1, max: 3650 }), { nil: undefined }),
    )
    .map<AccessRule>(([currency, minor, withinDays]) => {
      const min = { currency, minor: minor.toString() };
      return withinDays === undefined ? { kind: 'tipped', min } : { kind: 'tipped', min, withinDays };
    }),
  fc
    .tuple(idText(128), fc.integer({ min: 1, max: 1_000_000 }))
    .map<AccessRule>(([collection, count]) => ({ kind: 'holds', collection, count })),
  isoDate.map<AccessRule>((date) => ({ kind: 'after', date })),
);

/** The moment the evaluation property tests look from. */
export const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
export const TIER_RANKS = new Map([
  ['bronze', 1],
  ['silver', 2],
  ['gold', 3],
]);
const TIERS = ['bronze', 'silver', 'gold', 'diamond' /* not one of this creator's tiers */];
const ITEMS = ['item-1', 'item-2', 'item-3'];
const COLLECTIONS = ['col-a', 'col-b'];

/** Leaves drawn from small pools, so that generated facts satisfy them about half the time. */
export const smallLeafRule: fc.Arbitrary<AccessRule> = fc.oneof(
  fc.constant<AccessRule>({ kind: 'public' }),
  fc.constant<AccessRule>({ kind: 'follower' }),
  fc
    .option(fc.constantFrom(...TIERS), { nil: undefined })
    .map<AccessRule>((minTier) =>
      minTier === undefined ? { kind: 'subscriber' } : { kind: 'subscriber', minTier },
    ),
  fc.constantFrom(...ITEMS).map<AccessRule>((itemId) => ({ kind: 'purchased', itemId })),
  fc
    .tuple(
      fc.constantFrom<Currency>('USD', 'USDC'),
      fc.bigInt({ min: 1n, max: 3000n }),
      fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    )
    .map<AccessRule>(([currency, minor, withinDays]) => {
      const min = { currency, minor: minor.toString() };
      return withinDays === undefined ? { kind: 'tipped', min } : { kind: 'tipped', min, withinDays };
    }),
  fc
    .tuple(fc.constantFrom(...COLLECTIONS), fc.integer({ min: 1, max: 3 }))
    .map<AccessRule>(([collection, count]) => ({ kind: 'holds', collection, count })),
  fc
    .integer({ min: -3, max: 3 })
    .map<AccessRule>((days) => ({ kind: 'after', date: new Date(NOW.getTime() + days * DAY).toISOString() })),
);

/** A non-owner viewer with a random mix of follows, subscription, purchases, tips and holdings. */
export const viewerFacts: fc.Arbitrary<AccessFacts> = fc.record({
  now: fc.constant(NOW),
  isOwner: fc.constant(false),
  isFollower: fc.boolean(),
  subscription: fc.option(
    fc
      .constantFrom('bronze', 'silver', 'gold')
      .map((tierId) => ({ tierId, rank: TIER_RANKS.get(tierId) ?? 0 })),
    { nil: null },
  ),
  tierRanks: fc.constant(TIER_RANKS),
  purchasedItemIds: fc.subarray(ITEMS).map((ids) => new Set(ids)),
  tips: fc.array(
    fc.record({
      currency: fc.constantFrom<Currency>('USD', 'USDC', 'MESI'),
      minor: fc.bigInt({ min: 1n, max: 1500n }),
      at: fc.integer({ min: -90 * DAY, max: 2 * DAY }).map((offset) => new Date(NOW.getTime() + offset)),
    }),
    { maxLength: 6 },
  ),
  holdings: fc
    .tuple(fc.nat({ max: 4 }), fc.nat({ max: 4 }))
    .map(([a, b]) => new Map(COLLECTIONS.map((c, i) => [c, i === 0 ? a : b]))),
});
