import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AccountSummary, StudioState } from '@shared/domain/sync/status';

/** Whether the UI is hearing from the studio (main process or browser-mode server) at all. */
export type LinkState = 'connecting' | 'ready' | 'lost';

export interface StudioSliceState {
  readonly state: StudioState | null;
  readonly link: LinkState;
  readonly linkError: string | null;
  /** The browser-mode studio refused this page's token: the window shows what to do instead. */
  readonly tokenRefused: boolean;
}

const initialState: StudioSliceState = {
  state: null,
  link: 'connecting',
  linkError: null,
  tokenRefused: false,
};

export const studioSlice = createSlice({
  name: 'studio',
  initialState,
  reducers: {
    /** The latest StudioState from `studio.onState`. */
    stateReceived(_draft, action: PayloadAction<StudioState>) {
      return { state: action.payload, link: 'ready', linkError: null, tokenRefused: false };
    },
    linkLost(draft, action: PayloadAction<string>) {
      draft.link = 'lost';
      draft.linkError = action.payload;
    },
    tokenRefused(draft) {
      draft.link = 'lost';
      draft.tokenRefused = true;
    },
  },
});

export const { stateReceived, linkLost, tokenRefused } = studioSlice.actions;

/** The account the studio works for now, or null when signed out. */
export function activeAccount(slice: StudioSliceState): AccountSummary | null {
  const state = slice.state;
  if (!state || state.activeAccountId === null) return null;
  return state.accounts.find((account) => account.id === state.activeAccountId) ?? null;
}
