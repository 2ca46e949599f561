import type { Currency } from '../money';
import type { ReactionCounts } from './reactions';
import type { StreamStatusEvent } from './stream';

/**
 * What happens on a live stream, as its viewers and the studio receive it: one pubsub channel per stream
 * (`streamEventsChannel`), where the chat publishes messages, deletions, reactions, tips and moderation, and the
 * streams service publishes the stream's status. Every field is JSON (dates as ISO text, money as minor units
 * in decimal text), so the same events cross Redis between instances unchanged.
 */

/** The pubsub channel of one stream's live events (the streams service's, shared). */
export { streamEventsChannel } from './stream';

/** The channel where each instance tells the others how many viewers it holds per stream. */
export const LIVE_VIEWERS_CHANNEL = 'live.viewers';

/** Who wrote a chat message, as the chat shows them. */
export interface ChatAuthor {
  readonly id: string;
  readonly displayName: string;
  readonly handle: string | null;
}

/** A chat message or a tip in chat. `text` is plain text: shown as text, never rendered as HTML. */
export interface ChatMessageView {
  readonly id: string;
  readonly streamId: string;
  readonly kind: 'message' | 'tip';
  readonly author: ChatAuthor;
  readonly text: string;
  /** For a tip: what the fan tipped (minor units as digits). */
  readonly tip: { readonly currency: Currency; readonly amount: string } | null;
  readonly createdAt: string;
  /** Only moderators see deleted messages (in history), marked with when. */
  readonly deletedAt: string | null;
}

/** A moderation action, shown to the creator and moderators only. */
export interface ModerationView {
  readonly action: 'timeout' | 'ban' | 'unban';
  readonly fanId: string;
  /** Until when a timeout holds; null for a ban (until lifted) and for an unban. */
  readonly until: string | null;
  readonly by: string;
}

export type LiveEvent =
  | { readonly type: 'message'; readonly message: ChatMessageView }
  /** A tip sent from the chat, settled: shown highlighted in chat and as an alert in the studio. */
  | { readonly type: 'tip'; readonly message: ChatMessageView }
  | { readonly type: 'deleted'; readonly streamId: string; readonly messageId: string }
  /** Every reaction to the stream in about one second, counted. */
  | { readonly type: 'reactions'; readonly streamId: string; readonly counts: ReactionCounts }
  | { readonly type: 'moderation'; readonly streamId: string; readonly moderation: ModerationView }
  /** The stream's lifecycle, published by the streams service: scheduled → live → ended. */
  | StreamStatusEvent
  /** People watching now, across every instance. */
  | { readonly type: 'viewers'; readonly streamId: string; readonly count: number }
  /** This subscriber fell behind: `count` events were dropped for it (refresh the chat's history). */
  | { readonly type: 'missed'; readonly count: number };

export type LiveEventType = LiveEvent['type'];

/** Events only the creator and moderators receive. */
export const MODERATOR_ONLY_EVENTS: ReadonlySet<LiveEventType> = new Set(['moderation']);

const EVENT_TYPES: ReadonlySet<string> = new Set<LiveEventType>([
  'message',
  'tip',
  'deleted',
  'reactions',
  'moderation',
  'status',
  'viewers',
  'missed',
]);

/** Whether a message read from the pubsub looks like a live event (another instance's, over Redis). */
export function isLiveEvent(value: unknown): value is LiveEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    EVENT_TYPES.has((value as { type: string }).type)
  );
}
