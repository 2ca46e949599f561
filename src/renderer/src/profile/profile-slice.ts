import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import type { ProfileForm } from './profile-form';

/** The shown account's profile, as the studio holds it, and the profile edits not saved yet. */
export interface ProfileSliceState {
  readonly accountId: string | null;
  readonly profile: LocalProfile | null;
  readonly error: string | null;
  /**
   * What was typed in the profile form and not saved, per account, as the post editor keeps its drafts:
   * leaving the screen or switching account keeps it, showing that account's profile again brings it back.
   */
  readonly drafts: Readonly<Record<string, ProfileForm>>;
}

const initialState: ProfileSliceState = { accountId: null, profile: null, error: null, drafts: {} };

export const profileSlice = createSlice({
  name: 'profile',
  initialState,
  reducers: {
    /** A load of `accountId`'s profile started: another account's profile is cleared at once (not its edits). */
    profileLoading(draft, action: PayloadAction<{ accountId: string | null }>) {
      if (draft.accountId === action.payload.accountId) return;
      return { accountId: action.payload.accountId, profile: null, error: null, drafts: draft.drafts };
    },
    profileStored(draft, action: PayloadAction<{ accountId: string; profile: LocalProfile }>) {
      if (draft.accountId !== action.payload.accountId) return;
      return { ...draft, profile: action.payload.profile, error: null };
    },
    profileFailed(draft, action: PayloadAction<string>) {
      draft.error = action.payload;
    },
    /** The creator typed in the profile form of `accountId`: the whole form as it now reads. */
    profileEdited(draft, action: PayloadAction<{ accountId: string; form: ProfileForm }>) {
      return { ...draft, drafts: { ...draft.drafts, [action.payload.accountId]: action.payload.form } };
    },
    /** The edits of `accountId` are saved, or the creator discarded them: the stored profile shows again. */
    profileEditsDropped(draft, action: PayloadAction<{ accountId: string }>) {
      const { [action.payload.accountId]: _dropped, ...rest } = draft.drafts;
      return { ...draft, drafts: rest };
    },
  },
});

export const { profileLoading, profileStored, profileFailed, profileEdited, profileEditsDropped } =
  profileSlice.actions;

/** A conflict to settle, or a change the server refused, counts as needing the creator. */
export function profileNeedsAttention(slice: ProfileSliceState): number {
  const state = slice.profile?.syncState;
  return state === 'conflict' || state === 'rejected' ? 1 : 0;
}

/** The unsaved profile edits of `accountId` (the form as typed), or null when there are none. */
export function profileDraft(slice: ProfileSliceState, accountId: string | null): ProfileForm | null {
  return accountId === null ? null : (slice.drafts[accountId] ?? null);
}

/** Whether the shown account's profile has unsaved edits. */
export const hasUnsavedProfile = (slice: ProfileSliceState): boolean =>
  profileDraft(slice, slice.accountId) !== null;

/** Whether any account's profile edits would be lost if the window closed now. */
export const anyUnsavedProfile = (slice: ProfileSliceState): boolean => Object.keys(slice.drafts).length > 0;
