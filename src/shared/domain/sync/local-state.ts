/**
 * Where a record the studio edits stands with the server. `synced`: the server has exactly this. `pending`:
 * local changes wait in the outbox. `conflict`: the server changed it meanwhile; `serverVersion` holds the
 * server's copy and the creator chooses. `rejected`: the server refused a change for good (`syncError` says why).
 */
export type SyncState = 'synced' | 'pending' | 'conflict' | 'rejected';

/** What the studio adds to a kind's snapshot to show its sync state. */
export interface LocalSyncFields<S> {
  readonly syncState: SyncState;
  readonly syncError: string | null;
  /** The server's copy, when the creator must choose between it and theirs. */
  readonly serverVersion: S | null;
}

/** Which side a creator keeps when settling a conflict. */
export type ConflictChoice = 'mine' | 'server';
