import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { LocalChatSettings } from '../../../main/studio/live/chat-settings-table';
import type { LiveChatLine, LiveDevices } from '../../../main/studio/live/live-ports';
import type { LiveSnapshot, LiveUpdate } from '../../../main/studio/live/live-session';
import type { LocalStream } from '../../../main/studio/live/stream-table';

/** The chat lines the screen keeps (the studio keeps as many; older ones scroll out). */
export const CHAT_LINES_SHOWN = 200;
/** Tip alerts shown at once: a burst of tips queues behind the newest few. */
export const TIP_ALERTS_SHOWN = 3;

/** The shown account's live session, planned streams and chat settings, as the Live screen needs them. */
export interface LiveSliceState {
  /** Which account these belong to: another account's session is never stored here. */
  readonly accountId: string | null;
  /** null: not loaded yet. */
  readonly snapshot: LiveSnapshot | null;
  readonly chat: readonly LiveChatLine[];
  /** Tips not dismissed yet, newest last. */
  readonly tipAlerts: readonly LiveChatLine[];
  /** Events the studio could not deliver while the chat was busy (the chat above may miss some). */
  readonly missed: number;
  readonly devices: LiveDevices | null;
  /** Why the session could not be loaded. */
  readonly error: string | null;
  /** The streams planned for later (and one on air) as the studio holds them; null: not loaded yet. */
  readonly plans: readonly LocalStream[] | null;
  readonly plansError: string | null;
  /** null: not loaded yet. */
  readonly chatSettings: LocalChatSettings | null;
  readonly chatSettingsError: string | null;
}

const initialState: LiveSliceState = {
  accountId: null,
  snapshot: null,
  chat: [],
  tipAlerts: [],
  missed: 0,
  devices: null,
  error: null,
  plans: null,
  plansError: null,
  chatSettings: null,
  chatSettingsError: null,
};

type ForAccount<T> = PayloadAction<{ readonly accountId: string } & T>;

/** The streams `live.plans` lists: the one on air and those still to come. */
const isPlanned = (stream: LocalStream) => stream.status === 'scheduled' || stream.status === 'live';
// The studio's own order (`live.plans`): on air first, then by planned time (none last), latest change first.
const byPlanOrder = (a: LocalStream, b: LocalStream) =>
  Number(b.status === 'live') - Number(a.status === 'live') ||
  Number(a.scheduledFor === null) - Number(b.scheduledFor === null) ||
  (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? '') ||
  b.updatedAt.localeCompare(a.updatedAt) ||
  a.id.localeCompare(b.id);

export const liveSlice = createSlice({
  name: 'live',
  initialState,
  reducers: {
    /** A load of `accountId`'s session, plans or chat settings started: another account's are cleared at once. */
    liveLoading(draft, action: PayloadAction<{ readonly accountId: string | null }>) {
      if (draft.accountId === action.payload.accountId) return;
      return { ...initialState, accountId: action.payload.accountId };
    },
    liveLoaded(draft, action: ForAccount<{ snapshot: LiveSnapshot; chat: readonly LiveChatLine[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      draft.snapshot = action.payload.snapshot;
      draft.chat = action.payload.chat.slice(-CHAT_LINES_SHOWN);
      draft.error = null;
    },
    liveUpdated(draft, action: ForAccount<{ update: LiveUpdate }>) {
      if (draft.accountId !== action.payload.accountId) return;
      const { update } = action.payload;
      switch (update.type) {
        case 'snapshot': {
          // A new stream starts with an empty chat: the last stream's lines are not this one's.
          const newStream = update.snapshot.stream?.id !== draft.snapshot?.stream?.id;
          draft.snapshot = update.snapshot;
          if (newStream) {
            draft.chat = [];
            draft.tipAlerts = [];
            draft.missed = 0;
          }
          return;
        }
        case 'chat':
        case 'tip':
          draft.chat = [...draft.chat, update.line].slice(-CHAT_LINES_SHOWN);
          if (update.type === 'tip') draft.tipAlerts = [...draft.tipAlerts, update.line];
          return;
        case 'deleted':
          draft.chat = draft.chat.filter((line) => line.id !== update.messageId);
          return;
        case 'missed':
          draft.missed += update.count;
          return;
      }
    },
    devicesLoaded(draft, action: ForAccount<{ devices: LiveDevices }>) {
      if (draft.accountId !== action.payload.accountId) return;
      return { ...draft, devices: action.payload.devices };
    },
    /** The whole list, as `live.plans` returned it. */
    plansLoaded(draft, action: ForAccount<{ plans: readonly LocalStream[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      return { ...draft, plans: action.payload.plans, plansError: null };
    },
    /**
     * A call's answer (a stream planned, edited, cancelled or settled): put in place of the stream of the same id,
     * or added; `gone` (and a stream no longer planned) taken out.
     */
    plansStored(draft, action: ForAccount<{ streams: readonly LocalStream[]; gone?: readonly string[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      const { streams, gone = [] } = action.payload;
      const replaced = new Set([...streams.map((stream) => stream.id), ...gone]);
      const kept = (draft.plans ?? []).filter((stream) => !replaced.has(stream.id));
      return { ...draft, plans: [...kept, ...streams.filter(isPlanned)].sort(byPlanOrder) };
    },
    plansFailed(draft, action: PayloadAction<string>) {
      draft.plansError = action.payload;
    },
    /** The chat settings as the studio holds them: loaded, or a call's answer. */
    chatSettingsStored(draft, action: ForAccount<{ chatSettings: LocalChatSettings }>) {
      if (draft.accountId !== action.payload.accountId) return;
      return { ...draft, chatSettings: action.payload.chatSettings, chatSettingsError: null };
    },
    chatSettingsFailed(draft, action: PayloadAction<string>) {
      draft.chatSettingsError = action.payload;
    },
    tipAlertDismissed(draft, action: PayloadAction<string>) {
      draft.tipAlerts = draft.tipAlerts.filter((line) => line.id !== action.payload);
    },
    liveFailed(draft, action: PayloadAction<string>) {
      draft.error = action.payload;
    },
  },
});

export const {
  liveLoading,
  liveLoaded,
  liveUpdated,
  devicesLoaded,
  plansLoaded,
  plansStored,
  plansFailed,
  chatSettingsStored,
  chatSettingsFailed,
  tipAlertDismissed,
  liveFailed,
} = liveSlice.actions;

/** The tip alerts to show now: the oldest few not dismissed, so none is skipped in a burst. */
export function shownTipAlerts(slice: LiveSliceState): readonly LiveChatLine[] {
  return slice.tipAlerts.slice(0, TIP_ALERTS_SHOWN);
}

/** Whether the session needs the creator: the stream failed while they may not be looking. */
export function liveNeedsAttention(slice: LiveSliceState): number {
  const state = slice.snapshot?.phase.state;
  return state === 'failed' || state === 'reconnecting' ? 1 : 0;
}
