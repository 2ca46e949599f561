import type { PostSnapshot } from './post';

/**
 * A post as the studio holds it offline. `synced`: the server has exactly this. `pending`: local changes
 * wait in the outbox. `conflict`: the server changed it meanwhile; `serverVersion` holds the server's copy
 * and the creator chooses. `rejected`: the server refused a change for good (`syncError` says why).
 */
export type PostSyncState = 'synced' | 'pending' | 'conflict' | 'rejected';

export interface LocalPost extends PostSnapshot {
  readonly syncState: PostSyncState;
  readonly syncError: string | null;
  readonly serverVersion: PostSnapshot | null;
}
