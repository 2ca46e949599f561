import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** Which screen of the registry (`screens.ts`) is shown. */
export interface NavigationSliceState {
  readonly screen: string;
}

const initialState: NavigationSliceState = { screen: 'content' };

export const navigationSlice = createSlice({
  name: 'navigation',
  initialState,
  reducers: {
    screenChosen(draft, action: PayloadAction<string>) {
      draft.screen = action.payload;
    },
  },
});

export const { screenChosen } = navigationSlice.actions;
