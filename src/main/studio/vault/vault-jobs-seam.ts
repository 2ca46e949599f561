import type Database from 'better-sqlite3';
import type { AccountSummary } from '@shared/domain/sync/status';
import type { VaultFolders } from './vault-folders';
import type { VaultTable } from './vault-table';

/** What the job queue is given when an account's vault opens. */
export interface VaultJobsContext {
  readonly db: Database.Database;
  readonly account: AccountSummary;
  readonly items: VaultTable;
  readonly folders: VaultFolders;
  /** Tells the screens that these items changed (a job's state or progress, a new rendition). */
  readonly changed: (itemIds: readonly string[]) => void;
}

/** The server an account syncs with, and its token, once sync starts. */
export interface VaultServer {
  readonly serverUrl: string;
  readonly token: string;
}

/** One job as the vault's job actions need it. */
export interface VaultJobSummary {
  readonly id: string;
  readonly kind: 'process' | 'upload';
  readonly state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
}

/**
 * The vault's background work (processing and uploads, `vault/jobs/`), as the vault and the account's session
 * drive it. The session calls `start` once the account is open, `connect` when sync starts with a token,
 * `disconnect` when it stops, and `close` before the database closes; the library calls `enqueue` after an
 * import (or a deleted item brought back) and `itemDeleted` after a delete.
 */
export interface VaultJobs {
  start(): void;
  enqueue(itemId: string): void;
  itemDeleted(itemId: string): void;
  connect(server: VaultServer): void;
  disconnect(): void;
  close(): Promise<void>;
  /** The item's jobs, newest first. */
  list(itemId: string): readonly VaultJobSummary[];
  /** Stops a queued or running job. */
  cancel(jobId: string): Promise<unknown>;
  /** Queues a failed or cancelled job again. */
  retry(jobId: string): unknown;
}

export type VaultJobsFactory = (context: VaultJobsContext) => VaultJobs;

/** No background work: imports are kept and listed, nothing processes or uploads them. */
export const noVaultJobs: VaultJobsFactory = () => ({
  start() {},
  enqueue() {},
  itemDeleted() {},
  connect() {},
  disconnect() {},
  close: () => Promise.resolve(),
  list: () => [],
  cancel: () => Promise.reject(new Error('This studio has no job queue')),
  retry: () => {
    throw new Error('This studio has no job queue');
  },
});
