import type { BackgroundWork } from '../../../composition';
import { streamEventsChannel } from '@shared/domain/live/live-events';
import { REACTION_FLUSH_MS } from '@shared/domain/live/reactions';
import type { LiveDeps } from '../live-deps';
import type { StreamAccess } from '../stream-access';
import { ChatReactions } from './chat-reactions';
import { ChatRepository } from './chat-repository';
import { chatSettingsSyncedKind } from './chat-settings-sync';
import { ChatService, type ChatSeat } from './chat-service';
import { ChatTips } from './chat-tips';
import {
  DEFAULT_FANOUT_LIMITS,
  DEFAULT_SUBSCRIBER_CAPS,
  LiveFanout,
  type FanoutLimits,
  type LiveSubscription,
  type SubscriberCaps,
} from './live-fanout';
import { ViewerCounts } from './viewer-counts';

/** What the composition can tune (tests: a smaller queue to overflow). */
export interface ChatOptions {
  readonly fanout?: FanoutLimits;
  readonly subscriberCaps?: SubscriberCaps;
}

/**
 * The chat part of the live feature: messages, reactions, tips in chat, moderation, and the fan-out of live
 * events to subscribers. Background work: the per-second reaction flush and the viewer-count reports.
 */
export function composeChat(deps: LiveDeps & { readonly access: StreamAccess } & ChatOptions) {
  const chats = new ChatRepository();
  const chat = new ChatService({
    db: deps.db,
    chats,
    access: deps.access,
    actingFor: deps.actingFor,
    pubsub: deps.pubsub,
    feed: deps.feed,
    clock: deps.clock,
  });
  const settingsSyncedKind = chatSettingsSyncedKind(chat);
  const reactions = new ChatReactions({ chat, clock: deps.clock });
  const tips = new ChatTips({ db: deps.db, chats, chat, tips: deps.tips });
  const fanout = new LiveFanout(
    deps.pubsub,
    deps.fanout ?? DEFAULT_FANOUT_LIMITS,
    deps.subscriberCaps ?? DEFAULT_SUBSCRIBER_CAPS,
  );
  const viewers = new ViewerCounts({ pubsub: deps.pubsub, fanout, relay: deps.relay });

  /**
   * Follows a stream's live events as `viewerId` (null: anonymous) may: moderators also get moderation. An
   * account keeps a few subscriptions open, and so does an anonymous `connection` when the transport has one.
   */
  async function follow(
    viewerId: string | null,
    streamId: string,
    bufferedBytes?: () => number,
    connection?: object,
  ): Promise<{ readonly seat: ChatSeat; readonly subscription: LiveSubscription }> {
    const seat = await chat.seat(viewerId, streamId);
    const holder = viewerId ?? connection ?? null;
    const subscription = fanout.subscribe(streamId, { moderator: seat.moderator, bufferedBytes, holder });
    // Over Redis the subscription is a round trip: events published before it holds would be missed.
    await deps.pubsub.ready?.(streamEventsChannel(streamId)).catch((error: unknown) => {
      subscription.close();
      throw error;
    });
    subscription.greet({ type: 'viewers', streamId, count: viewers.countOf(streamId) });
    return { seat, subscription };
  }

  let reactionTimer: NodeJS.Timeout | null = null;
  const background: readonly BackgroundWork[] = [
    {
      start: () => {
        reactionTimer ??= setInterval(() => reactions.flush(), REACTION_FLUSH_MS);
        viewers.start();
      },
      stop: async () => {
        if (reactionTimer) clearInterval(reactionTimer);
        reactionTimer = null;
        await viewers.stop();
        fanout.close();
        await tips.idle();
      },
    },
  ];
  return { chat, settingsSyncedKind, reactions, tips, fanout, viewers, follow, background };
}
