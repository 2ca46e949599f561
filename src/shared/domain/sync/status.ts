/** What the studio tells its UI about the connection to the server, per active account. */
export type ConnectionState = 'signed-out' | 'offline' | 'connecting' | 'online' | 'syncing';

export interface SyncStatus {
  readonly state: ConnectionState;
  readonly serverUrl: string | null;
  /** Outbox mutations not yet acknowledged by the server. */
  readonly pending: number;
  readonly lastSyncedAt: string | null; // ISO 8601
  /** The last error a person can act on (server unreachable, session revoked…), or null. */
  readonly lastError: string | null;
}

export type AccountRole = 'fan' | 'creator' | 'manager';

/** A creator account signed in to this studio (a manager's studio holds several). */
export interface AccountSummary {
  readonly id: string;
  readonly serverUrl: string;
  readonly email: string;
  readonly handle: string | null;
  readonly displayName: string;
  readonly role: AccountRole;
}

export interface StudioState {
  readonly accounts: readonly AccountSummary[];
  readonly activeAccountId: string | null;
  readonly sync: SyncStatus;
}
