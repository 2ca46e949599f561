import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { LocalProfile } from '@shared/domain/profile/local-profile';

/** The shown account's profile, as the studio holds it. */
export interface ProfileSliceState {
  readonly accountId: string | null;
  readonly profile: LocalProfile | null;
  readonly error: string | null;
}

const initialState: ProfileSliceState = { accountId: null, profile: null, error: null };

export const profileSlice = createSlice({
  name: 'profile',
  initialState,
  reducers: {
    /** A load of `accountId`'s profile started: another account's profile is cleared at once. */
    profileLoading(draft, action: PayloadAction<{ accountId: string | null }>) {
      if (draft.accountId === action.payload.accountId) return;
      return { accountId: action.payload.accountId, profile: null, error: null };
    },
    profileStored(draft, action: PayloadAction<{ accountId: string; profile: LocalProfile }>) {
      if (draft.accountId !== action.payload.accountId) return;
      return { accountId: draft.accountId, profile: action.payload.profile, error: null };
    },
    profileFailed(draft, action: PayloadAction<string>) {
      draft.error = action.payload;
    },
  },
});

export const { profileLoading, profileStored, profileFailed } = profileSlice.actions;

/** A conflict to settle, or a change the server refused, counts as needing the creator. */
export function profileNeedsAttention(slice: ProfileSliceState): number {
  const state = slice.profile?.syncState;
  return state === 'conflict' || state === 'rejected' ? 1 : 0;
}
