import { describe, expect, it } from 'vitest';
import type { ChatMessageView, LiveEvent } from '@shared/domain/live/live-events';
import {
  chatLines,
  chatReducer,
  EMPTY_CHAT,
  MAX_CHAT_MESSAGES,
  missedLabel,
  type ChatState,
} from './chat-state';

const STREAM = '00000000-0000-4000-8000-000000000001';

function message(n: number, fields: Partial<ChatMessageView> = {}): ChatMessageView {
  return {
    id: `m${String(n).padStart(4, '0')}`,
    streamId: STREAM,
    kind: 'message',
    author: { id: 'fan-1', displayName: 'Bea', handle: 'bea' },
    text: `hello ${n}`,
    tip: null,
    createdAt: new Date(Date.UTC(2026, 11, 3, 12, 0, 0, n * 10)).toISOString(),
    deletedAt: null,
    ...fields,
  };
}

const events = (state: ChatState, ...list: LiveEvent[]) =>
  chatReducer(state, { type: 'events', events: list });
const ids = (state: ChatState) => state.messages.map((m) => m.id);

describe('chatReducer', () => {
  it('shows the history in time order, whatever order it came in', () => {
    const state = chatReducer(EMPTY_CHAT, {
      type: 'history',
      messages: [message(3), message(1), message(2)],
    });
    expect(ids(state)).toEqual(['m0001', 'm0002', 'm0003']);
  });

  it('adds live messages and tips after the history, each once', () => {
    let state = chatReducer(EMPTY_CHAT, { type: 'history', messages: [message(1), message(2)] });
    state = events(
      state,
      { type: 'message', message: message(2) },
      { type: 'message', message: message(3) },
      { type: 'tip', message: message(4, { kind: 'tip', tip: { currency: 'USD', amount: '500' } }) },
    );
    expect(ids(state)).toEqual(['m0001', 'm0002', 'm0003', 'm0004']);
    expect(state.messages.at(-1)?.tip).toEqual({ currency: 'USD', amount: '500' });
  });

  it("shows the fan's own message at once, and once when its event comes back", () => {
    let state = chatReducer(EMPTY_CHAT, { type: 'sent', message: message(1) });
    const afterSend = state;
    state = events(state, { type: 'message', message: message(1) });
    expect(ids(state)).toEqual(['m0001']);
    expect(state).toBe(afterSend);
  });

  it('takes a deleted message out of the chat', () => {
    let state = events(
      EMPTY_CHAT,
      { type: 'message', message: message(1) },
      { type: 'message', message: message(2) },
    );
    state = events(state, { type: 'deleted', streamId: STREAM, messageId: 'm0001' });
    expect(ids(state)).toEqual(['m0002']);
    expect(events(state, { type: 'deleted', streamId: STREAM, messageId: 'nope' })).toBe(state);
  });

  it('never shows a message already marked deleted', () => {
    const state = chatReducer(EMPTY_CHAT, {
      type: 'history',
      messages: [message(1), message(2, { deletedAt: '2026-12-03T12:01:00.000Z' })],
    });
    expect(ids(state)).toEqual(['m0001']);
  });

  it('keeps the text exactly as typed: markup is text, never parsed', () => {
    const text = '<script>alert(1)</script><img src=x onerror="alert(2)"> &amp; 💥';
    const state = events(EMPTY_CHAT, { type: 'message', message: message(1, { text }) });
    expect(state.messages[0]?.text).toBe(text);
  });

  it('keeps the newest messages only, past the limit', () => {
    const many = Array.from({ length: MAX_CHAT_MESSAGES + 50 }, (_, i) => message(i));
    const state = chatReducer(EMPTY_CHAT, { type: 'history', messages: many });
    expect(state.messages).toHaveLength(MAX_CHAT_MESSAGES);
    expect(state.messages[0]?.id).toBe('m0050');
  });

  it('follows the status and the viewer count', () => {
    let state = events(EMPTY_CHAT, {
      type: 'status',
      status: 'live',
      publishing: false,
      startedAt: '2026-12-03T12:00:00.000Z',
      endedAt: null,
    });
    expect(state.status?.publishing).toBe(false);
    state = events(state, { type: 'viewers', streamId: STREAM, count: 42 });
    expect(state.viewers).toBe(42);
  });

  it('ignores reactions and moderation, which are not chat lines', () => {
    const state = events(EMPTY_CHAT, { type: 'message', message: message(1) });
    expect(events(state, { type: 'reactions', streamId: STREAM, counts: { '🔥': 3 } })).toBe(state);
    expect(
      events(state, {
        type: 'moderation',
        streamId: STREAM,
        moderation: { action: 'ban', fanId: 'x', until: null, by: 'y' },
      }),
    ).toBe(state);
  });
});

describe('missed events', () => {
  it('puts a notice where the gap is and asks for the history again', () => {
    let state = events(
      EMPTY_CHAT,
      { type: 'message', message: message(1) },
      { type: 'message', message: message(2) },
    );
    state = events(state, { type: 'missed', count: 37 }, { type: 'message', message: message(9) });
    expect(state.historyStale).toBe(true);
    expect(
      chatLines(state).map((l) => (l.kind === 'message' ? l.message.id : `missed ${l.notice.count}`)),
    ).toEqual(['m0001', 'm0002', 'missed 37', 'm0009']);
  });

  it('fills the gap from the history asked again, the notice staying after the message it followed', () => {
    let state = events(EMPTY_CHAT, { type: 'message', message: message(1) }, { type: 'missed', count: 5 });
    state = events(state, { type: 'message', message: message(9) });
    state = chatReducer(state, {
      type: 'history',
      messages: [message(1), message(4), message(5), message(9)],
    });
    expect(state.historyStale).toBe(false);
    const drawn = chatLines(state).map((l) => (l.kind === 'message' ? l.message.id : 'missed'));
    expect(drawn).toEqual(['m0001', 'missed', 'm0004', 'm0005', 'm0009']);
  });

  it('ignores a missed count of zero', () => {
    expect(events(EMPTY_CHAT, { type: 'missed', count: 0 })).toBe(EMPTY_CHAT);
  });

  it('says what was missed in words', () => {
    expect(missedLabel(1)).toContain('missed 1 update here');
    expect(missedLabel(37)).toContain('missed 37 updates here');
  });
});
