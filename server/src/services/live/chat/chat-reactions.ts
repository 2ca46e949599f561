import type { Clock } from '@shared/domain/clock';
import { RateLimitedError } from '@shared/domain/errors';
import { REACTION_RATE } from '@shared/domain/live/chat-rate-limit';
import { ReactionTally, type Reaction } from '@shared/domain/live/reactions';
import { describeWait } from '@shared/domain/wait-text';
import type { AccountView } from '../../accounts/account-service';
import { RateLimiter } from './chat-limits';
import { assertChatOpen, type ChatService } from './chat-service';

/**
 * Reactions: each tap is counted in this instance's memory, and every second each stream's counts go out as
 * one `reactions` event (one per instance), never one message per tap.
 */
export class ChatReactions {
  readonly #tally = new ReactionTally();
  readonly #rate = new RateLimiter(REACTION_RATE);

  constructor(private readonly deps: { readonly chat: ChatService; readonly clock: Clock }) {}

  async react(viewer: AccountView, streamId: string, reaction: Reaction): Promise<void> {
    const { stream, moderator } = await this.deps.chat.seat(viewer.id, streamId);
    assertChatOpen(stream);
    if (!moderator) await this.deps.chat.assertMaySpeak(stream, viewer.id, null);
    const wait = this.#rate.take(viewer.id, this.deps.clock.now().getTime());
    if (wait > 0) {
      throw new RateLimitedError(
        `Too many reactions; wait ${describeWait(wait / 1000)}`,
        Math.ceil(wait / 1000),
      );
    }
    this.#tally.add(streamId, reaction);
  }

  /** Publishes each stream's counts since the last flush, as one event per stream (run every second). */
  flush(): void {
    for (const [streamId, counts] of this.#tally.take()) {
      this.deps.chat.publish(streamId, { type: 'reactions', streamId, counts });
    }
  }
}
