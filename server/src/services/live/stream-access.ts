import type { StreamStatus } from '@shared/domain/live/stream';

/** A stream as the chat and the relay's callers need it once access is settled. */
export interface WatchableStream {
  readonly id: string;
  readonly creatorId: string;
  readonly title: string;
  readonly status: StreamStatus;
}

/**
 * Who may watch (and so chat in) a stream, decided once by the streams service (`streams/`) from the stream's
 * access rule and the viewer's facts (follows, subscriptions, tickets, tips); the chat calls it, never
 * re-implementing the rule.
 */
export interface StreamAccess {
  /**
   * The stream, when `viewerId` (null: anonymous) may watch it; otherwise a NotFoundError (no such stream, or
   * not visible) or a ForbiddenError whose message says what unlocks it.
   */
  requireWatcher(viewerId: string | null, streamId: string): Promise<WatchableStream>;
  /** Whether the account runs the stream's chat: the creator, an account acting for them, or an appointed moderator. */
  isModerator(accountId: string, stream: WatchableStream): Promise<boolean>;
}
