import { skipToken, useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ChatMessageView, LiveEvent } from '@shared/domain/live/live-events';
import { useTRPC } from '../api/trpc';
import { chatReducer, type ChatState, EMPTY_CHAT } from './chat-state';
import { addReactionCounts, NO_FLOATS, type ReactionFloats, withoutExpired } from './reaction-floats';
import { reconnectDelay } from './reconnect-backoff';

export interface LiveEvents {
  readonly chat: ChatState;
  readonly floats: ReactionFloats;
  /** The events are flowing; false while (re)connecting. */
  readonly connected: boolean;
  /** The fan's own message as `liveChat.send` answered it. */
  readonly sent: (message: ChatMessageView) => void;
  /** A reaction the fan just tapped, floated at once. */
  readonly reacted: (emoji: string) => void;
}

/** How many messages the chat shows when it opens (and asks again after it missed some). */
const HISTORY_SIZE = 50;

/**
 * A stream's live events for the watch page: the chat's history, then `liveChat.events` batches over the
 * WebSocket, folded into the chat's state, with the reactions as floating counts. The socket reconnects by
 * itself and sends the subscription again; each (re)start asks the history again, which fills what was missed
 * meanwhile, and `onStarted` lets the page read its own state again. A subscription the server ended with an error (a subscriber too slow for too long) is started
 * again after a backoff. `enabled` false (the viewer may not watch): nothing is asked.
 */
export function useLiveEvents(streamId: string, enabled: boolean, onStarted?: () => void): LiveEvents {
  const trpc = useTRPC();
  const [chat, dispatch] = useReducer(chatReducer, EMPTY_CHAT);
  const [floats, setFloats] = useState<ReactionFloats>(NO_FLOATS);
  const history = useQuery(
    trpc.liveChat.history.queryOptions(enabled ? { streamId, limit: HISTORY_SIZE } : skipToken, {
      staleTime: 0,
    }),
  );
  const { refetch: refetchHistory } = history;

  useEffect(() => {
    if (history.data) dispatch({ type: 'history', messages: history.data });
  }, [history.data]);

  const onData = useCallback((batch: readonly LiveEvent[]) => {
    dispatch({ type: 'events', events: batch });
    const now = Date.now();
    for (const event of batch) {
      if (event.type === 'reactions') setFloats((state) => addReactionCounts(state, event.counts, now));
    }
  }, []);

  const subscription = useSubscription(
    trpc.liveChat.events.subscriptionOptions(enabled ? { streamId } : skipToken, {
      onData,
      // What happened before the events flowed (a status change, messages) is read again: a stream that went
      // live between the page's first read and this start would otherwise stay "not started" on the page.
      onStarted: () => {
        void refetchHistory();
        onStarted?.();
      },
    }),
  );

  // A missed batch: the history fills the gap.
  useEffect(() => {
    if (chat.historyStale) void refetchHistory();
  }, [chat.historyStale, refetchHistory]);

  // The server ended the subscription with an error: start it again after a while, waiting longer each time.
  const [failures, setFailures] = useState(0);
  const { status, reset } = subscription;
  useEffect(() => {
    if (status !== 'error') return;
    const timer = window.setTimeout(() => {
      setFailures((n) => n + 1);
      reset();
    }, reconnectDelay(failures));
    return () => window.clearTimeout(timer);
  }, [status, reset, failures]);
  useEffect(() => {
    if (status === 'pending') setFailures(0);
  }, [status]);

  // Floats fade on their own: the state is cleaned once they all have.
  useEffect(() => {
    if (floats.floats.length === 0) return;
    const timer = window.setTimeout(() => setFloats((state) => withoutExpired(state, Date.now())), 3_000);
    return () => window.clearTimeout(timer);
  }, [floats]);

  const sent = useCallback((message: ChatMessageView) => dispatch({ type: 'sent', message }), []);
  const reacted = useCallback((emoji: string) => {
    setFloats((state) => addReactionCounts(state, { [emoji]: 1 }, Date.now()));
  }, []);

  return { chat, floats, connected: status === 'pending', sent, reacted };
}
