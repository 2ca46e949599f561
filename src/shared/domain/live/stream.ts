import { z } from 'zod';
import { accessRuleSchema } from '../access/rule';
import { ValidationError } from '../errors';
import { amount, formatAmount } from '../money/amount';
import { ruleMentionsPurchase } from '../posts/post';
import { singleLineText } from '../text';

/**
 * A live stream's lifecycle (PRODUCT.md, "Live streams"): scheduled → live → ended, or cancelled before it
 * went live. A stream is live from its first publish until the creator ends it (or the publisher has been gone
 * longer than `LIVE_RECONNECT_GRACE_MS`): an encoder that reconnects after a drop resumes the same stream.
 */
export const STREAM_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

/** How long a live stream waits for its publisher to come back before it ends by itself. */
export const LIVE_RECONNECT_GRACE_MS = 10 * 60_000;

/** How long an ingest key stays valid once issued (a stream runs within it; going live again issues a new one). */
export const STREAM_KEY_TTL_MS = 24 * 60 * 60_000;

/** How long a playback token lets play start (FLV) or a segment be fetched (HLS); players renew before then. */
export const PLAYBACK_TOKEN_TTL_MS = 5 * 60_000;

export const STREAM_TITLE_MAX = 140;

/** A ticket costs at least $0.50 (below it card fees eat the sale) and at most $1,000, as a post's price. */
export const TICKET_PRICE_MIN_CENTS = 50n;
export const TICKET_PRICE_MAX_CENTS = 100_000n;

/** What one ticket to a stream costs: USD cents as a decimal string, as money crosses the wire. */
export interface TicketPrice {
  readonly currency: 'USD';
  readonly minor: string;
}

const dollars = (cents: bigint) => formatAmount(amount('USD', cents), { symbol: true });
const CENTS = /^[1-9][0-9]{0,30}$/;

export const streamTitleSchema = singleLineText('title', STREAM_TITLE_MAX).refine(
  (title) => title.length > 0,
  'title must not be empty',
);

export const ticketPriceSchema = z.object({
  currency: z.literal('USD', 'a ticket is priced in USD'),
  minor: z
    .string()
    .regex(CENTS, 'ticket price must be a whole number of cents, as digits')
    // Each bound is checked only on digits (a malformed price has its own message above).
    .refine(
      (minor) => !CENTS.test(minor) || BigInt(minor) >= TICKET_PRICE_MIN_CENTS,
      `ticket price is at least ${dollars(TICKET_PRICE_MIN_CENTS)}`,
    )
    .refine(
      (minor) => !CENTS.test(minor) || BigInt(minor) <= TICKET_PRICE_MAX_CENTS,
      `ticket price is at most ${dollars(TICKET_PRICE_MAX_CENTS)}`,
    ),
});

export const scheduledForSchema = z.iso.datetime({
  offset: true,
  message: 'scheduledFor must be an ISO 8601 date and time with its offset',
});

/**
 * The fields of a stream its creator sets: a one-line title, who may watch (an access rule), a ticket price
 * (null: no tickets sold) and when it is planned (null: whenever the creator goes live).
 */
export const streamDraftSchema = z.object({
  title: streamTitleSchema,
  accessRule: accessRuleSchema,
  ticketPrice: ticketPriceSchema.nullable(),
  scheduledFor: scheduledForSchema.nullable(),
});
export type StreamDraft = z.infer<typeof streamDraftSchema>;

/**
 * The rule tying a ticket price to the access rule, as for a post's price: a price alone lets nobody in, so a
 * stream selling tickets must let their holders in (`purchased(<stream id>)` in its rule), and a rule letting
 * ticket holders in needs a price to sell at. Null when the draft keeps it; otherwise the field to fix and why.
 */
export function ticketRuleIssue(
  streamId: string,
  draft: Pick<StreamDraft, 'accessRule' | 'ticketPrice'>,
): { readonly field: 'accessRule' | 'ticketPrice'; readonly message: string } | null {
  const holdersLetIn = ruleMentionsPurchase(draft.accessRule, streamId);
  if (draft.ticketPrice !== null && !holdersLetIn) {
    return {
      field: 'accessRule',
      message: `a stream selling tickets must let their holders in: add purchased(${streamId}) to its access rule`,
    };
  }
  if (draft.ticketPrice === null && holdersLetIn) {
    return { field: 'ticketPrice', message: 'a stream its ticket holders can watch needs a ticket price' };
  }
  return null;
}

/** `ticketRuleIssue` as a ValidationError naming the field, for the services that store streams. */
export function assertTicketFitsRule(
  streamId: string,
  draft: Pick<StreamDraft, 'accessRule' | 'ticketPrice'>,
): void {
  const issue = ticketRuleIssue(streamId, draft);
  if (issue) throw new ValidationError(issue.message, issue.field);
}

/** The pubsub channel of one stream's events (status now; the chat adds its own), fanned out to fans and studio. */
export const streamEventsChannel = (streamId: string): string => `live.stream.${streamId}`;

/** A stream's status changed (went live, the publisher dropped or came back, ended, cancelled): plain JSON. */
export interface StreamStatusEvent {
  readonly type: 'status';
  readonly status: StreamStatus;
  /** An encoder is connected and sending now (false while it reconnects, or before and after the stream). */
  readonly publishing: boolean;
  /** ISO 8601, or null before the stream first went live. */
  readonly startedAt: string | null;
  /** ISO 8601, or null while the stream has not ended or been cancelled. */
  readonly endedAt: string | null;
}
