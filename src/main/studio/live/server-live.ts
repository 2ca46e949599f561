import type { ChatMessageView, LiveEvent } from '@shared/domain/live/live-events';
import { createServerClient, createServerSubscriptions } from '../sync/server-client';
import { serverAccessOf } from './live-fields';
import type { LiveConnection } from './live-feature';
import type { LiveChatLine, LiveServer, ServerLiveEvent } from './live-ports';

/** Waits between the chat connection's reconnects: quick at first, then every 10 s at most. */
const chatRetryDelayMs = (attempt: number) => Math.min(10_000, 500 * 2 ** attempt);

function lineOf(message: ChatMessageView): LiveChatLine {
  return {
    id: message.id,
    kind: message.kind,
    authorId: message.author.id,
    authorName: message.author.displayName,
    text: message.text,
    tip: message.tip,
    createdAt: message.createdAt,
  };
}

/** A server event as the studio uses it; reactions and moderation echoes are not shown in the studio yet. */
function eventOf(event: LiveEvent): ServerLiveEvent | null {
  switch (event.type) {
    case 'message':
      // A message deleted before the studio saw it (history) is not shown.
      return event.message.deletedAt === null ? { type: 'message', line: lineOf(event.message) } : null;
    case 'tip':
      return { type: 'tip', line: lineOf(event.message) };
    case 'deleted':
      return { type: 'deleted', messageId: event.messageId };
    case 'viewers':
      return { type: 'viewers', count: event.count };
    case 'status':
      return { type: 'status', status: event.status, publishing: event.publishing };
    case 'missed':
      return { type: 'missed', count: event.count };
    default:
      return null;
  }
}

/**
 * The server's `live.*` and `liveChat.*` over one account's connection: calls over HTTP with the account's
 * token, live events over one WebSocket opened on the first subscription (and closed with the connection).
 */
export function serverLive(connection: LiveConnection): LiveServer & { close(): void } {
  const client = createServerClient({ serverUrl: connection.serverUrl, token: connection.token });
  let socket: ReturnType<typeof createServerSubscriptions> | null = null;
  const subscriptions = () =>
    (socket ??= createServerSubscriptions({
      serverUrl: connection.serverUrl,
      token: connection.token,
      retryDelayMs: chatRetryDelayMs,
      onOpen: () => undefined,
      onClose: () => undefined,
    }));
  return {
    async create(streamId, plan) {
      const stream = await client.live.create.mutate({
        id: streamId,
        draft: {
          title: plan.title,
          ...serverAccessOf(plan.access, streamId),
          scheduledFor: plan.scheduledFor,
        },
      });
      return { id: stream.id, title: stream.title, status: stream.status };
    },
    async goLive(streamId) {
      const access = await client.live.goLive.mutate({ id: streamId });
      return { key: access.key, ingestUrl: access.ingestUrl };
    },
    async end(streamId) {
      // A stream whose encoder never got through is still scheduled on the server: it is cancelled instead.
      const stream = await client.live.get.query({ id: streamId });
      if (stream.status === 'scheduled') await client.live.cancel.mutate({ id: streamId });
      else if (stream.status === 'live') await client.live.end.mutate({ id: streamId });
    },
    async watchUrl(streamId) {
      const answer = await client.live.watch.query({ streamId });
      return answer.access === 'open' ? (answer.playback?.flv ?? null) : null;
    },
    async moderate(streamId, action) {
      if (action.kind === 'delete') await client.liveChat.delete.mutate({ messageId: action.messageId });
      else if (action.kind === 'timeout') {
        await client.liveChat.timeout.mutate({ streamId, fanId: action.fanId, minutes: action.minutes });
      } else await client.liveChat.ban.mutate({ streamId, fanId: action.fanId });
    },
    async say(streamId, text) {
      await client.liveChat.send.mutate({ streamId, text });
    },
    events(streamId, onEvent, onError) {
      const subscription = subscriptions().client.liveChat.events.subscribe(
        { streamId },
        {
          onData: (batch) => {
            for (const event of batch) {
              const mapped = eventOf(event);
              if (mapped) onEvent(mapped);
            }
          },
          onError,
        },
      );
      return () => subscription.unsubscribe();
    },
    close() {
      socket?.close();
      socket = null;
    },
  };
}
