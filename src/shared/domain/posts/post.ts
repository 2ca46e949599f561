import { z } from 'zod';
import { ValidationError } from '../errors';
import { accessRuleSchema, type AccessRule } from '../access/rule';
import { amount, formatAmount } from '../money/amount';
import { multiLineText, singleLineText } from '../text';

/** A creator's text post as both the studio and the server know it. */
export type PostStatus = 'draft' | 'published';

/** What one payment for a post costs (pay-per-view): USD cents as a decimal string, as money crosses the wire. */
export interface PostPrice {
  readonly currency: 'USD';
  readonly minor: string;
}

export interface PostSnapshot {
  readonly id: string; // UUIDv7, generated where the post was first written (usually the studio)
  readonly creatorId: string;
  readonly title: string;
  readonly body: string;
  readonly accessRule: AccessRule;
  /**
   * The pay-per-view price, null when the post is not for sale. Absent from snapshots written before posts had
   * prices (old change-feed entries, a server copy kept through a conflict): read that as null.
   */
  readonly price?: PostPrice | null;
  readonly status: PostStatus;
  /** Server version, +1 on every accepted change; the studio sends it back as `baseVersion`. */
  readonly version: number;
  readonly publishedAt: string | null; // ISO 8601
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const POST_TITLE_MAX = 200;
export const POST_BODY_MAX = 20_000;

/** A post's price is at least $0.50 (below it card fees eat the sale) and at most $1,000. */
export const POST_PRICE_MIN_CENTS = 50n;
export const POST_PRICE_MAX_CENTS = 100_000n;

const dollars = (cents: bigint) => formatAmount(amount('USD', cents), { symbol: true });

export const postTitleSchema = singleLineText('title', POST_TITLE_MAX);
export const postBodySchema = multiLineText('body', POST_BODY_MAX).refine(
  (body) => body.length > 0,
  'body must not be empty',
);

const CENTS = /^[1-9][0-9]{0,30}$/;

export const postPriceSchema = z.object({
  currency: z.literal('USD', 'a post is priced in USD'),
  minor: z
    .string()
    .regex(CENTS, 'price must be a whole number of cents, as digits')
    // Each bound is checked only on digits (a malformed price has its own message above).
    .refine(
      (minor) => !CENTS.test(minor) || BigInt(minor) >= POST_PRICE_MIN_CENTS,
      `price is at least ${dollars(POST_PRICE_MIN_CENTS)}`,
    )
    .refine(
      (minor) => !CENTS.test(minor) || BigInt(minor) <= POST_PRICE_MAX_CENTS,
      `price is at most ${dollars(POST_PRICE_MAX_CENTS)}`,
    ),
});

/**
 * The editable fields of a post. `price` absent or null: not for sale; absent is how an older studio's draft, or
 * one queued before posts had prices, arrives, so those still parse (read it with `priceOf`).
 */
export const postDraftSchema = z.object({
  title: postTitleSchema,
  body: postBodySchema,
  accessRule: accessRuleSchema,
  price: postPriceSchema.nullish(),
});
export type PostDraft = z.infer<typeof postDraftSchema>;

/** A draft's price, null when it has none. */
export const priceOf = (draft: Pick<PostDraft, 'price'>): PostPrice | null => draft.price ?? null;

/** Whether `rule` names `itemId` in a `purchased(…)` condition anywhere in it. */
export function ruleMentionsPurchase(rule: AccessRule, itemId: string): boolean {
  switch (rule.kind) {
    case 'purchased':
      return rule.itemId === itemId;
    case 'all':
    case 'any':
      return rule.rules.some((r) => ruleMentionsPurchase(r, itemId));
    default:
      return false;
  }
}

/**
 * The one rule tying a post's price to its access rule: a price alone never changes who may read, so a post
 * for sale must let its buyers in (`purchased(<its id>)` somewhere in its rule), and a rule that lets buyers in
 * needs a price to buy at. Null when the draft keeps it; otherwise the field to fix and why.
 */
export function priceRuleIssue(
  postId: string,
  draft: Pick<PostDraft, 'accessRule' | 'price'>,
): { readonly field: 'accessRule' | 'price'; readonly message: string } | null {
  const buyersLetIn = ruleMentionsPurchase(draft.accessRule, postId);
  const price = priceOf(draft);
  if (price !== null && !buyersLetIn) {
    return {
      field: 'accessRule',
      message: `a post with a price must let its buyers in: add purchased(${postId}) to its access rule`,
    };
  }
  if (price === null && buyersLetIn) {
    return { field: 'price', message: 'a post its buyers can open needs a price' };
  }
  return null;
}

/** `priceRuleIssue` as a ValidationError naming the field, for the services that store drafts. */
export function assertPriceFitsRule(postId: string, draft: Pick<PostDraft, 'accessRule' | 'price'>): void {
  const issue = priceRuleIssue(postId, draft);
  if (issue) throw new ValidationError(issue.message, issue.field);
}
