import type { AccountRole } from '../accounts/account-fields';

export type { AccountRole };

/** What the studio tells its UI about one account's connection to its server. */
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

/** An account signed in to this studio (a manager's studio holds several). */
export interface AccountSummary {
  readonly id: string;
  readonly serverUrl: string;
  readonly email: string;
  readonly handle: string | null;
  readonly displayName: string;
  readonly role: AccountRole;
}

/** A signed-in account and its own sync: every signed-in account syncs, whichever one is active. */
export interface StudioAccount extends AccountSummary {
  readonly sync: SyncStatus;
}

export interface StudioState {
  readonly accounts: readonly StudioAccount[];
  /** The account the screens show; the others keep syncing in the background. */
  readonly activeAccountId: string | null;
  /** The active account's sync (`signed-out` when there is none), for the status bar. */
  readonly sync: SyncStatus;
  /** The server `npm start` runs beside this studio (development), offered when signing in; else null. */
  readonly localServerUrl: string | null;
}
