import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { AccountSummary, SyncStatus } from '@shared/domain/sync/status';
import { openAccountFeatures, type AccountFeatures } from '../account-features';
import { openDatabase, type StudioDatabase } from '../db/connection';
import type { BackoffPolicy } from '../sync/backoff';
import { Outbox } from '../sync/outbox';
import type { ServerFetch } from '../sync/server-client';
import { SyncEngine } from '../sync/sync-engine';

/** How sync talks to the server; everything but `fetch` is tuning that tests shorten. */
export interface SyncSettings {
  readonly fetch?: ServerFetch;
  readonly backoff?: BackoffPolicy;
  readonly batchSize?: number;
  readonly pageSize?: number;
  readonly live?: boolean;
}

interface AccountSessionEvents {
  status: [SyncStatus];
  /** Records of a kind changed, by a local edit or from the server. */
  changed: [entity: string, ids: readonly string[]];
}

/** Where an account's own SQLite file lives. */
export function accountDatabaseFile(dataDir: string, accountId: string): string {
  return join(dataDir, 'accounts', `${accountId}.sqlite`);
}

/** Where an account's own files live (the vault's media), beside its SQLite file. */
export function accountFolder(dataDir: string, accountId: string): string {
  return join(dataDir, 'accounts', accountId);
}

/** One signed-in account: its own database, its features over it and, once started, its sync engine. */
export class AccountSession extends EventEmitter<AccountSessionEvents> {
  readonly db: StudioDatabase;
  readonly outbox: Outbox;
  readonly features: AccountFeatures;
  private engine: SyncEngine | null = null;
  private offlineReason: string | null = null;
  private closed = false;

  constructor(
    readonly account: AccountSummary,
    dataDir: string,
  ) {
    super();
    this.db = openDatabase(accountDatabaseFile(dataDir, account.id));
    this.outbox = new Outbox(this.db);
    this.features = openAccountFeatures({
      db: this.db,
      outbox: this.outbox,
      account,
      folder: accountFolder(dataDir, account.id),
      changed: (entity, ids) => this.emit('changed', entity, ids),
    });
    this.features.vault.start();
  }

  /**
   * Runs a local edit of one kind, then tells the UI which records changed (`idsOf` the result) and wakes the
   * sync engine to push what it queued.
   */
  edit<T>(entity: string, run: (features: AccountFeatures) => T, idsOf: (result: T) => readonly string[]): T {
    const result = run(this.features);
    this.emit('changed', entity, idsOf(result));
    if (this.engine) this.engine.localChange();
    else this.emit('status', this.status());
    return result;
  }

  /** An edit that completes later (importing a file): as `edit`, once `run` resolves. */
  async editAsync<T>(
    entity: string,
    run: (features: AccountFeatures) => Promise<T>,
    idsOf: (result: T) => readonly string[],
  ): Promise<T> {
    const result = await run(this.features);
    return this.edit(entity, () => result, idsOf);
  }

  /** Starts syncing with the server using this token (no-op once closed or started). */
  startSync(token: string, settings: SyncSettings = {}): void {
    if (this.closed || this.engine) return;
    this.offlineReason = null;
    this.engine = new SyncEngine({
      db: this.db,
      outbox: this.outbox,
      kinds: this.features.kinds,
      serverUrl: this.account.serverUrl,
      token,
      ...settings,
    });
    this.engine.on('status', (status) => this.emit('status', status));
    this.engine.on('changed', (entity, ids) => this.emit('changed', entity, ids));
    this.engine.start();
    this.features.vault.connect({ serverUrl: this.account.serverUrl, token });
    this.features.live.connect({ serverUrl: this.account.serverUrl, token });
  }

  /** Sync cannot start (no token, keychain locked): stay offline and say why. */
  cannotSync(reason: string): void {
    this.offlineReason = reason;
    this.emit('status', this.status());
  }

  /** Push then pull now; resolves once done (or failed, which the status reports). */
  async syncNow(): Promise<void> {
    await this.engine?.syncNow();
  }

  status(): SyncStatus {
    if (this.engine) return this.engine.status();
    return {
      state: this.offlineReason ? 'offline' : 'connecting',
      serverUrl: this.account.serverUrl,
      pending: this.outbox.pendingCount(),
      lastSyncedAt: null,
      lastError: this.offlineReason,
    };
  }

  /** Stops sync and closes the database file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.features.vault.disconnect();
    // Closing stops a running push and keeps its recording; the server ends the stream after its grace.
    await Promise.all([this.engine?.stop(), this.features.vault.close(), this.features.live.close()]);
    this.engine?.removeAllListeners();
    this.db.close();
  }
}
