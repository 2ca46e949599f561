import type Database from 'better-sqlite3';
import type { AccountSummary } from '@shared/domain/sync/status';
import { createEncoder } from '../../../encoder';
import type { StudioKind } from '../sync/synced-kind';
import { mediaKind } from './jobs/media-kind';
import type { VaultEncoder } from './media-intake';
import { VaultFolders } from './vault-folders';
import { noVaultJobs, type VaultJobsFactory, type VaultServer } from './vault-jobs-seam';
import { VaultJobActions } from './vault-job-actions';
import { VaultLibrary } from './vault-library';
import { VaultStatusReads } from './vault-status';
import { VaultTable } from './vault-table';
import { VaultUsage } from './vault-usage';
import { VaultWatcher } from './vault-watcher';
import { WatchFolderSettings } from './watch-folder-setting';

/** The entity name the vault's changes go to the screens under (`changed('vault', ids)`). */
export const VAULT_ENTITY = 'vault';

export interface VaultContext {
  readonly db: Database.Database;
  readonly account: AccountSummary;
  /** The account's own folder (`accounts/<accountId>/`): the vault keeps its files in `media/` there. */
  readonly folder: string;
  /** Tells the screens that these items changed outside a call of theirs (a watched-folder import, a job). */
  readonly changed: (itemIds: readonly string[]) => void;
  /** Tests pass their own; by default made when the first file is probed. */
  readonly encoder?: VaultEncoder;
  /** The processing and upload queue (`vault/jobs/`); none by default. */
  readonly jobs?: VaultJobsFactory;
  /** Watched-folder timing (tests shorten it). */
  readonly watch?: { readonly pollMs?: number; readonly settleMs?: number };
}

/**
 * The vault over one account's database and folder: the library the router calls, the watched folder, and
 * the job queue's lifecycle, which the account's session drives (`start`, `connect`, `disconnect`, `close`).
 */
export function openVault(context: VaultContext) {
  const { db } = context;
  const folders = new VaultFolders(context.folder);
  const usage = new VaultUsage(db);
  const table = new VaultTable(db, usage.usedSql);
  const jobs = (context.jobs ?? noVaultJobs)({
    db,
    account: context.account,
    items: table,
    folders,
    changed: context.changed,
  });
  let encoder = context.encoder ?? null;
  const library = new VaultLibrary({
    db,
    table,
    usage,
    status: new VaultStatusReads(db, folders),
    folders,
    encoder: () => (encoder ??= createEncoder()),
    onImported: (itemId) => jobs.enqueue(itemId),
    onDeleted: (itemId) => jobs.itemDeleted(itemId),
  });
  const watcher = new VaultWatcher({
    settings: new WatchFolderSettings(db),
    importFile: (path) => library.importFile(path),
    onOutcome: (outcome) => {
      if ('item' in outcome) context.changed([outcome.item.id]);
    },
    mediaFolder: folders.root,
    ...context.watch,
  });
  // The server's word on uploaded items lands on the items: their tiles refresh like after any change.
  const serverMedia = mediaKind(table);
  const kind: StudioKind = {
    ...serverMedia,
    applyChanges(changes) {
      serverMedia.applyChanges(changes);
      context.changed(changes.map((change) => change.id));
    },
  };
  return {
    library,
    table,
    folders,
    watcher,
    /** Cancel and Retry on an item's latest job. */
    jobs: new VaultJobActions(jobs),
    /** The `media` kind (server-written): each uploaded item's status on the server. */
    kind,
    /** The account is open: resume queued jobs, watch the folder if that is on. */
    start(): void {
      jobs.start();
      watcher.start();
    },
    /** Sync started with this server and token: uploads may run. */
    connect(server: VaultServer): void {
      jobs.connect(server);
    },
    disconnect(): void {
      jobs.disconnect();
    },
    /** Stops the watcher and the queue; resolves once what was running has stopped. */
    async close(): Promise<void> {
      await watcher.close();
      await jobs.close();
    },
  };
}

export type VaultFeature = ReturnType<typeof openVault>;
