import { z } from 'zod';
import type { AccessRule } from '@shared/domain/access';
import { identifierText, singleLineText } from '@shared/domain/text';

/** A stream's title: one line, as fans see it above the player. */
export const LIVE_TITLE_MAX = 140;

const CENTS = /^[1-9][0-9]{0,30}$/;

/**
 * Who may watch, as the Live screen offers it: everyone, subscribers (from a tier up, or any), or ticket
 * holders at a price in USD cents (digits: money crosses the wire as minor units in text).
 */
export const streamAccessSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('public') }),
  z.object({ kind: z.literal('subscribers'), minTier: identifierText('tier', 64).nullable() }),
  z.object({
    kind: z.literal('ticket'),
    priceCents: z.string().regex(CENTS, 'the ticket price must be a whole number of cents, as digits'),
  }),
]);
export type StreamAccess = z.infer<typeof streamAccessSchema>;

/** What the creator fills in before Go live (or to schedule a stream for later). */
export const streamPlanSchema = z.object({
  title: singleLineText('title', LIVE_TITLE_MAX).refine(
    (title) => title.length > 0,
    'title must not be empty',
  ),
  access: streamAccessSchema,
  scheduledFor: z.iso
    .datetime({ offset: true, message: 'scheduledFor must be an ISO 8601 date and time with its offset' })
    .nullable(),
});
export type StreamPlan = z.infer<typeof streamPlanSchema>;

/**
 * The server's form of the access choice: an access rule and a ticket price. A ticket lets in whoever bought
 * this very stream (`purchased(<stream id>)`), which is why the studio picks the stream's id before creating it.
 */
export function serverAccessOf(
  access: StreamAccess,
  streamId: string,
): { readonly accessRule: AccessRule; readonly ticketPrice: { currency: 'USD'; minor: string } | null } {
  switch (access.kind) {
    case 'public':
      return { accessRule: { kind: 'public' }, ticketPrice: null };
    case 'subscribers':
      return {
        accessRule:
          access.minTier === null ? { kind: 'subscriber' } : { kind: 'subscriber', minTier: access.minTier },
        ticketPrice: null,
      };
    case 'ticket':
      return {
        accessRule: { kind: 'purchased', itemId: streamId },
        ticketPrice: { currency: 'USD', minor: access.priceCents },
      };
  }
}
