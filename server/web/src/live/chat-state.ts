import type { ChatMessageView, LiveEvent } from '@shared/domain/live/live-events';
import type { StreamStatusEvent } from '@shared/domain/live/stream';

/** The chat keeps this many messages at most: the newest, as a live chat scrolls away. */
export const MAX_CHAT_MESSAGES = 200;

/** "N messages missed here": the server dropped events for this fan (a slow connection fell behind). */
export interface MissedNotice {
  readonly id: string;
  readonly count: number;
  /** The message it came after, when it came; null when the chat was empty. */
  readonly afterId: string | null;
}

/** What the watch page knows of a stream's chat and state, from its history and its live events. */
export interface ChatState {
  /** Oldest first, at most `MAX_CHAT_MESSAGES`, each once. */
  readonly messages: readonly ChatMessageView[];
  readonly notices: readonly MissedNotice[];
  /** The latest status event, or null until one arrives (the page starts from `live.watch`'s status). */
  readonly status: StreamStatusEvent | null;
  readonly viewers: number | null;
  /** Set by a `missed` event: the history should be asked again to fill the gap. */
  readonly historyStale: boolean;
  readonly nextNoticeId: number;
}

export const EMPTY_CHAT: ChatState = {
  messages: [],
  notices: [],
  status: null,
  viewers: null,
  historyStale: false,
  nextNoticeId: 1,
};

export type ChatAction =
  /** The latest messages, as `liveChat.history` gave them (any order). */
  | { readonly type: 'history'; readonly messages: readonly ChatMessageView[] }
  /** One batch from the `liveChat.events` subscription, in the order the server sent it. */
  | { readonly type: 'events'; readonly events: readonly LiveEvent[] }
  /** The fan's own message, as `liveChat.send` answered it (shown before its event comes back). */
  | { readonly type: 'sent'; readonly message: ChatMessageView };

/**
 * The chat's state after an action. Messages are kept in time order, each once (history, the fan's own sends
 * and the live events overlap); a deleted message disappears; reactions and moderation are not the chat log's
 * (the reactions bar takes the former, fans never get the latter).
 */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'history':
      return { ...withMessages(state, action.messages), historyStale: false };
    case 'sent':
      return withMessages(state, [action.message]);
    case 'events':
      return action.events.reduce(applyEvent, state);
  }
}

function applyEvent(state: ChatState, event: LiveEvent): ChatState {
  switch (event.type) {
    case 'message':
    case 'tip':
      return withMessages(state, [event.message]);
    case 'deleted': {
      const messages = state.messages.filter((m) => m.id !== event.messageId);
      return messages.length === state.messages.length ? state : { ...state, messages };
    }
    case 'status':
      return { ...state, status: event };
    case 'viewers':
      return { ...state, viewers: Math.max(0, Math.floor(event.count)) };
    case 'missed': {
      if (!(event.count > 0)) return state;
      const notice: MissedNotice = {
        id: `missed-${state.nextNoticeId}`,
        count: event.count,
        afterId: state.messages.at(-1)?.id ?? null,
      };
      return {
        ...state,
        notices: [...state.notices, notice],
        historyStale: true,
        nextNoticeId: state.nextNoticeId + 1,
      };
    }
    case 'reactions':
    case 'moderation':
      return state;
  }
}

function withMessages(state: ChatState, incoming: readonly ChatMessageView[]): ChatState {
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  let changed = false;
  for (const message of incoming) {
    // Deleted messages reach fans only as `deleted` events; one still marked so (a moderator's history) stays out.
    if (message.deletedAt !== null) continue;
    const known = byId.get(message.id);
    if (known && known.createdAt === message.createdAt && known.text === message.text) continue;
    byId.set(message.id, message);
    changed = true;
  }
  if (!changed) return state;
  const messages = [...byId.values()].sort(byTime).slice(-MAX_CHAT_MESSAGES);
  const kept = new Set(messages.map((m) => m.id));
  // A notice goes with the message it followed; once that one has scrolled out, so has the notice.
  const notices = state.notices.filter((n) => n.afterId === null || kept.has(n.afterId));
  return { ...state, messages, notices };
}

function byTime(a: ChatMessageView, b: ChatMessageView): number {
  const diff = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One line of the chat log as it is drawn. */
export type ChatLine =
  | { readonly kind: 'message'; readonly message: ChatMessageView }
  | { readonly kind: 'missed'; readonly notice: MissedNotice };

/** The chat log's lines, oldest first: each message, with the missed notices after the message they followed. */
export function chatLines(state: ChatState): readonly ChatLine[] {
  const lines: ChatLine[] = [];
  const after = new Map<string | null, MissedNotice[]>();
  for (const notice of state.notices)
    after.set(notice.afterId, [...(after.get(notice.afterId) ?? []), notice]);
  for (const notice of after.get(null) ?? []) lines.push({ kind: 'missed', notice });
  for (const message of state.messages) {
    lines.push({ kind: 'message', message });
    for (const notice of after.get(message.id) ?? []) lines.push({ kind: 'missed', notice });
  }
  return lines;
}

/**
 * What a missed notice says. The server counts every event it dropped for this fan (messages, reactions, counts),
 * so the words say updates; the messages among them come back with the history the page then asks for again.
 */
export function missedLabel(count: number): string {
  const what = count === 1 ? '1 update' : `${count} updates`;
  return `Your connection fell behind and missed ${what} here. The latest messages were loaded again.`;
}
