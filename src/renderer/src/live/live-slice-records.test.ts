import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import type { LocalChatSettings } from '../../../main/studio/live/chat-settings-table';
import type { LocalStream } from '../../../main/studio/live/stream-table';
import {
  chatSettingsFailed,
  chatSettingsStored,
  liveLoading,
  liveSlice,
  plansFailed,
  plansLoaded,
  plansStored,
} from './live-slice';

const stream = (id: string, change: Partial<LocalStream> = {}) =>
  ({
    id,
    title: id,
    status: 'scheduled',
    scheduledFor: '2026-12-10T18:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    syncState: 'synced',
    ...change,
  }) as LocalStream;
const settings = (slowModeSeconds: number): LocalChatSettings =>
  ({ slowModeSeconds, blockedWords: [], syncState: 'synced', syncError: null, serverVersion: null }) as never;

function store() {
  const s = configureStore({ reducer: { live: liveSlice.reducer } });
  s.dispatch(liveLoading({ accountId: 'a' }));
  return s;
}
const ids = (s: ReturnType<typeof store>) => s.getState().live.plans?.map((plan) => plan.id);

describe("the live slice's planned streams", () => {
  it('is null until loaded, then holds the list as the studio gave it', () => {
    const s = store();
    expect(s.getState().live.plans).toBeNull();
    s.dispatch(plansLoaded({ accountId: 'a', plans: [stream('p1'), stream('p2')] }));
    expect(ids(s)).toEqual(['p1', 'p2']);
  });

  it("shows a call's answer at once, in the studio's order: on air first, then by start, none last", () => {
    const s = store();
    s.dispatch(
      plansLoaded({
        accountId: 'a',
        plans: [stream('soon', { scheduledFor: '2026-12-05T10:00:00.000Z' }), stream('later')],
      }),
    );
    s.dispatch(plansStored({ accountId: 'a', streams: [stream('undated', { scheduledFor: null })] }));
    s.dispatch(
      plansStored({
        accountId: 'a',
        streams: [stream('sooner', { scheduledFor: '2026-12-04T20:00:00.000Z' })],
      }),
    );
    s.dispatch(plansStored({ accountId: 'a', streams: [stream('later', { status: 'live' })] }));
    expect(ids(s)).toEqual(['later', 'sooner', 'soon', 'undated']);
  });

  it('replaces an edited stream, and drops one cancelled or gone', () => {
    const s = store();
    s.dispatch(plansLoaded({ accountId: 'a', plans: [stream('p1'), stream('p2'), stream('p3')] }));
    s.dispatch(plansStored({ accountId: 'a', streams: [stream('p1', { title: 'Renamed' })] }));
    s.dispatch(plansStored({ accountId: 'a', streams: [stream('p2', { status: 'cancelled' })] }));
    s.dispatch(plansStored({ accountId: 'a', streams: [], gone: ['p3'] }));
    expect(s.getState().live.plans?.map((plan) => plan.title)).toEqual(['Renamed']);
  });

  it("says a failed load until the next one, ignores another account's streams, and clears on a switch", () => {
    const s = store();
    s.dispatch(plansFailed('The studio is not answering'));
    expect(s.getState().live.plansError).toBe('The studio is not answering');
    s.dispatch(plansLoaded({ accountId: 'b', plans: [stream('theirs')] }));
    expect(s.getState().live.plans).toBeNull();
    s.dispatch(plansLoaded({ accountId: 'a', plans: [stream('p1')] }));
    expect(s.getState().live.plansError).toBeNull();
    s.dispatch(liveLoading({ accountId: 'b' }));
    expect(s.getState().live.plans).toBeNull();
  });
});

describe("the live slice's chat settings", () => {
  it('holds the newest copy, says a failed load until the next one, and clears on a switch', () => {
    const s = store();
    expect(s.getState().live.chatSettings).toBeNull();
    s.dispatch(chatSettingsFailed('The studio is not answering'));
    s.dispatch(chatSettingsStored({ accountId: 'a', chatSettings: settings(5) }));
    s.dispatch(chatSettingsStored({ accountId: 'b', chatSettings: settings(60) }));
    expect(s.getState().live.chatSettings?.slowModeSeconds).toBe(5);
    expect(s.getState().live.chatSettingsError).toBeNull();
    s.dispatch(liveLoading({ accountId: 'b' }));
    expect(s.getState().live.chatSettings).toBeNull();
  });

  it('keeps the session and the plans when the chat settings change', () => {
    const s = store();
    s.dispatch(plansLoaded({ accountId: 'a', plans: [stream('p1')] }));
    s.dispatch(chatSettingsStored({ accountId: 'a', chatSettings: settings(5) }));
    s.dispatch(liveLoading({ accountId: 'a' }));
    expect(ids(s)).toEqual(['p1']);
    expect(s.getState().live.chatSettings?.slowModeSeconds).toBe(5);
  });
});
