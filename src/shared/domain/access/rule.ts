import { z } from 'zod';
import { identifierText } from '../text';

/**
 * An access rule: one composable expression (PRODUCT.md, "Access") that the server evaluates
 * for every gated thing. Stored as JSON; `formatRule`/`parseRule` give its text form
 * (`all(subscriber(gold), tipped(50 USD))`).
 */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'follower' }
  | { readonly kind: 'subscriber'; readonly minTier?: string }
  | { readonly kind: 'purchased'; readonly itemId: string }
  | { readonly kind: 'tipped'; readonly min: TipThreshold; readonly withinDays?: number }
  | { readonly kind: 'holds'; readonly collection: string; readonly count: number }
  | { readonly kind: 'after'; readonly date: string }
  | { readonly kind: 'all'; readonly rules: readonly AccessRule[] }
  | { readonly kind: 'any'; readonly rules: readonly AccessRule[] };

/** A money threshold in JSON-safe form: minor units as a decimal string. */
export interface TipThreshold {
  readonly currency: 'USD' | 'USDC' | 'MESI';
  readonly minor: string;
}

export const MAX_RULE_DEPTH = 8;
/**
 * The most conditions (leaves and groups) one rule may hold. Depth and children per group alone would let a
 * rule grow to millions of nodes, each walked on every view of the page; a creator's real rules hold a few.
 */
export const MAX_RULE_NODES = 64;

/** A tip threshold's minor units: a positive integer (a zero threshold would open the post to everyone). */
export const THRESHOLD_MINOR_PATTERN = /^[1-9][0-9]{0,77}$/;

const tipThresholdSchema = z.object({
  currency: z.enum(['USD', 'USDC', 'MESI']),
  minor: z.string().regex(THRESHOLD_MINOR_PATTERN, 'minor units must be a positive integer string'),
});

const leafRuleSchemas = [
  z.object({ kind: z.literal('public') }),
  z.object({ kind: z.literal('follower') }),
  z.object({ kind: z.literal('subscriber'), minTier: identifierText('tier', 64).optional() }),
  z.object({ kind: z.literal('purchased'), itemId: identifierText('item id', 64) }),
  z.object({
    kind: z.literal('tipped'),
    min: tipThresholdSchema,
    withinDays: z.number().int().positive().max(3650).optional(),
  }),
  z.object({
    kind: z.literal('holds'),
    collection: identifierText('collection', 128),
    count: z.number().int().positive().max(1_000_000),
  }),
  z.object({ kind: z.literal('after'), date: z.iso.datetime({ offset: true }) }),
] as const;

const TOO_DEEP = `access rule nests deeper than ${MAX_RULE_DEPTH} levels`;

/**
 * The schema of a rule that may nest `levels` more levels. Built level by level rather than recursively, so
 * a hostile, very deep rule is refused at the limit instead of being walked to the bottom.
 */
function ruleSchemaUpTo(levels: number): z.ZodType<AccessRule> {
  const children =
    levels > 1
      ? z
          .array(ruleSchemaUpTo(levels - 1))
          .min(1)
          .max(16)
      : z.custom<never>(() => false, { message: TOO_DEEP });
  return z.discriminatedUnion('kind', [
    ...leafRuleSchemas,
    z.object({ kind: z.literal('all'), rules: children }),
    z.object({ kind: z.literal('any'), rules: children }),
  ]) as z.ZodType<AccessRule>;
}

/**
 * Counts the nodes of an unparsed rule, stopping once past `MAX_RULE_NODES`: a hostile rule costs no more to
 * refuse than a legal one costs to accept, and is refused before its shape is walked.
 */
export function countRuleNodesUpTo(value: unknown, cap = MAX_RULE_NODES + 1): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count < cap) {
    const node = pending.pop();
    count += 1;
    const rules = typeof node === 'object' && node !== null ? (node as { rules?: unknown }).rules : undefined;
    if (Array.isArray(rules)) pending.push(...rules.slice(0, cap));
  }
  return count;
}

const TOO_MANY_NODES = `access rule has more than ${MAX_RULE_NODES} conditions`;

/** Every boundary that takes a rule (tRPC inputs, IPC, stored JSON) parses it with this: size, shape and depth. */
export const accessRuleSchema: z.ZodType<AccessRule> = z
  .unknown()
  .refine((value) => countRuleNodesUpTo(value) <= MAX_RULE_NODES, TOO_MANY_NODES)
  .pipe(ruleSchemaUpTo(MAX_RULE_DEPTH));

export const PUBLIC: AccessRule = { kind: 'public' };

/**
 * What the server knows about a viewer when it evaluates a rule. Later issues feed real facts (subscriptions,
 * purchases, tips, NFT holdings); until then the server passes what it has and empty collections.
 */
export interface AccessFacts {
  readonly now: Date;
  /** The creator themself (or a manager acting for them) sees everything. */
  readonly isOwner: boolean;
  readonly isFollower: boolean;
  /** The viewer's active subscription to this creator, if any, with the rank of its tier (higher includes lower). */
  readonly subscription: { readonly tierId: string; readonly rank: number } | null;
  /** Rank of each of this creator's tiers by id, to compare `subscriber(minTier)`. */
  readonly tierRanks: ReadonlyMap<string, number>;
  readonly purchasedItemIds: ReadonlySet<string>;
  /** The viewer's tips to this creator, minor units as bigint. */
  readonly tips: readonly {
    readonly currency: TipThreshold['currency'];
    readonly minor: bigint;
    readonly at: Date;
  }[];
  /** NFTs held by the viewer, count per collection id. */
  readonly holdings: ReadonlyMap<string, number>;
}
