import type { UnknownAction } from '@reduxjs/toolkit';
import { errorMessage } from '../errors/error-message';
import type { StudioClient } from '../transport/client';
import type { AppStore, RootState } from './store';

/**
 * How one feature keeps its slice in step with the studio: everything afresh when the shown account changes,
 * and by id when the studio reports that records of its kind changed (a local edit, a push answer, a pull).
 */
export interface FeatureFeed {
  /** The entity kind whose `changed` events this feed refreshes. */
  readonly entity: string;
  /** The account the screens show became `accountId` (null: none): load its records. */
  load(accountId: string | null): Promise<void>;
  /** Records of this kind changed in the shown account: refresh those ids. */
  refresh(accountId: string, ids: readonly string[]): Promise<void>;
}

export type FeatureFeedFactory = (client: StudioClient, store: AppStore) => FeatureFeed;

/** How a feature's slice is told a load starts or failed, and which account it shows. */
export interface LoadSteps {
  /** A load for `accountId` starts (a new account clears the slice). */
  readonly starting: (payload: { accountId: string | null }) => UnknownAction;
  readonly failed: (message: string) => UnknownAction;
  readonly shownAccount: (state: RootState) => string | null;
}

/**
 * Loads the shown account's records for a feed: `starting` first, then `load` (nothing when no account is
 * shown); a failure is said on the screen unless the account changed meanwhile (it is no longer shown).
 */
export async function loadShownAccount(
  store: AppStore,
  accountId: string | null,
  steps: LoadSteps,
  load: (accountId: string) => Promise<void>,
): Promise<void> {
  store.dispatch(steps.starting({ accountId }));
  if (accountId === null) return;
  try {
    await load(accountId);
  } catch (error) {
    if (steps.shownAccount(store.getState()) === accountId) store.dispatch(steps.failed(errorMessage(error)));
  }
}
