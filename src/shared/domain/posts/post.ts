import { z } from 'zod';
import { ValidationError } from '../errors';
import { accessRuleSchema, type AccessRule } from '../access/rule';
import { amount, formatAmount } from '../money/amount';
import { multiLineText, singleLineText } from '../text';

/**
 * A creator's post as both the studio and the server know it. `scheduled`: published by the server's scheduler
 * at `publishAt`; `expired`: was published, hidden from fans since `expiresAt`.
 */
export type PostStatus = 'draft' | 'scheduled' | 'published' | 'expired';

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
  /** The post's media in order, with captions (absent in snapshots from before media: read as none). */
  readonly media?: readonly PostMedia[];
  /** When a scheduled post goes out (ISO 8601 instant), null: when published. */
  readonly publishAt?: string | null;
  /** When a published post is hidden from fans again, null: never. */
  readonly expiresAt?: string | null;
  /** The IANA time zone the creator scheduled in, to show the times as they were chosen. */
  readonly timeZone?: string | null;
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
/** A post's text; it may be empty only when the post has media (checked on the whole draft). */
export const postBodySchema = multiLineText('body', POST_BODY_MAX);

/** One media item of a post, in the post's order: the vault item's id (the server's media id) and a caption. */
export interface PostMedia {
  readonly mediaId: string;
  readonly caption: string;
}
export const POST_MEDIA_MAX = 20;
export const POST_CAPTION_MAX = 500;
export const postMediaSchema = z.object({
  mediaId: z.uuid('mediaId must be a UUID'),
  caption: multiLineText('caption', POST_CAPTION_MAX),
});

const instantSchema = (field: string) =>
  z.iso.datetime({ offset: true, message: `${field} must be an ISO 8601 date and time with its offset` });

/** An IANA time zone name (`Europe/Paris`), as the creator's system reports it. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'timeZone must be an IANA time zone such as Europe/Paris');

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
export const postDraftSchema = z
  .object({
    title: postTitleSchema,
    body: postBodySchema,
    accessRule: accessRuleSchema,
    price: postPriceSchema.nullish(),
    media: z
      .array(postMediaSchema)
      .max(POST_MEDIA_MAX, `a post holds at most ${POST_MEDIA_MAX} media items`)
      .refine(
        (items) => new Set(items.map((item) => item.mediaId)).size === items.length,
        'a media item appears once in a post',
      )
      .optional(),
    publishAt: instantSchema('publishAt').nullish(),
    expiresAt: instantSchema('expiresAt').nullish(),
    timeZone: timeZoneSchema.nullish(),
  })
  .superRefine((draft, context) => {
    if (draft.body.length === 0 && (draft.media ?? []).length === 0) {
      context.addIssue({ code: 'custom', path: ['body'], message: 'body must not be empty' });
    }
    if (draft.publishAt && draft.expiresAt && Date.parse(draft.expiresAt) <= Date.parse(draft.publishAt)) {
      context.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after publishAt' });
    }
  });
export type PostDraft = z.infer<typeof postDraftSchema>;

/** A draft's media, none when absent (an older studio's draft). */
export const mediaOf = (draft: Pick<PostDraft, 'media'>): readonly PostMedia[] => draft.media ?? [];

/**
 * What publishing a draft does at `now`: goes out at once, or waits for the scheduler until `publishAt`. A post
 * whose expiry has passed cannot be published.
 */
export function publishOutcome(
  draft: Pick<PostDraft, 'publishAt' | 'expiresAt'>,
  now: Date,
): 'published' | 'scheduled' | { readonly refused: string } {
  if (draft.expiresAt && Date.parse(draft.expiresAt) <= now.getTime()) {
    return { refused: 'This post has already expired: move its expiry later to publish it' };
  }
  if (draft.publishAt && Date.parse(draft.publishAt) > now.getTime()) return 'scheduled';
  return 'published';
}

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
