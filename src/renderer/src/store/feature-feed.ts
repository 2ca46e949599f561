import type { StudioClient } from '../transport/client';
import type { AppStore } from './store';

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
