import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import type { LiveChatLine } from '../../../main/studio/live/live-ports';
import type { LiveSnapshot } from '../../../main/studio/live/live-session';
import {
  CHAT_LINES_SHOWN,
  liveLoaded,
  liveLoading,
  liveNeedsAttention,
  liveSlice,
  liveUpdated,
  shownTipAlerts,
  tipAlertDismissed,
} from './live-slice';

const snapshot = (
  streamId: string | null,
  phase: LiveSnapshot['phase'] = { state: 'idle' },
): LiveSnapshot => ({
  stream: streamId ? { id: streamId, title: 'Show', access: { kind: 'public' } } : null,
  phase,
  wentLiveAt: null,
  stats: null,
  viewers: null,
  watchUrl: null,
  online: true,
  chatProblem: null,
  recording: null,
});
const line = (id: string, kind: 'message' | 'tip' = 'message'): LiveChatLine => ({
  id,
  kind,
  authorId: 'fan',
  authorName: 'Ana',
  text: '<b>hi</b>',
  tip: kind === 'tip' ? { currency: 'USD', amount: '100' } : null,
  createdAt: '2026-12-03T12:00:00.000Z',
});

function store() {
  const s = configureStore({ reducer: { live: liveSlice.reducer } });
  s.dispatch(liveLoading({ accountId: 'a' }));
  s.dispatch(liveLoaded({ accountId: 'a', snapshot: snapshot('s1'), chat: [] }));
  return s;
}

describe('the live slice', () => {
  it('adds chat lines and tips, queues a tip alert per tip, and drops deleted lines', () => {
    const s = store();
    s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'chat', line: line('m1') } }));
    s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'tip', line: line('t1', 'tip') } }));
    s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'tip', line: line('t2', 'tip') } }));
    s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'deleted', messageId: 'm1' } }));
    expect(s.getState().live.chat.map((l) => l.id)).toEqual(['t1', 't2']);
    expect(shownTipAlerts(s.getState().live).map((l) => l.id)).toEqual(['t1', 't2']);
    s.dispatch(tipAlertDismissed('t1'));
    expect(shownTipAlerts(s.getState().live).map((l) => l.id)).toEqual(['t2']);
  });

  it('keeps the newest lines only', () => {
    const s = store();
    for (let i = 0; i < CHAT_LINES_SHOWN + 5; i++) {
      s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'chat', line: line(`m${i}`) } }));
    }
    expect(s.getState().live.chat).toHaveLength(CHAT_LINES_SHOWN);
    expect(s.getState().live.chat[0]?.id).toBe('m5');
  });

  it('starts a new stream with an empty chat and no alerts', () => {
    const s = store();
    s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'tip', line: line('t1', 'tip') } }));
    s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'snapshot', snapshot: snapshot('s2') } }));
    expect(s.getState().live.chat).toEqual([]);
    expect(s.getState().live.tipAlerts).toEqual([]);
  });

  it("ignores another account's updates, and clears on an account switch", () => {
    const s = store();
    s.dispatch(liveUpdated({ accountId: 'b', update: { type: 'chat', line: line('m1') } }));
    expect(s.getState().live.chat).toEqual([]);
    s.dispatch(liveUpdated({ accountId: 'a', update: { type: 'chat', line: line('m1') } }));
    s.dispatch(liveLoading({ accountId: 'b' }));
    expect(s.getState().live.chat).toEqual([]);
    expect(s.getState().live.snapshot).toBeNull();
  });

  it('needs the creator while reconnecting or failed', () => {
    const s = store();
    expect(liveNeedsAttention(s.getState().live)).toBe(0);
    s.dispatch(
      liveUpdated({
        accountId: 'a',
        update: {
          type: 'snapshot',
          snapshot: snapshot('s1', { state: 'reconnecting', attempt: 1, reason: 'x' }),
        },
      }),
    );
    expect(liveNeedsAttention(s.getState().live)).toBe(1);
  });
});
