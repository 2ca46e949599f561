import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { SyncStatus } from '@shared/domain/sync/status';
import type { AccountSummary } from '@shared/domain/sync/status';
import { PostRepository } from '../content/post-repository';
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
  postsChanged: [];
}

/** Where an account's own SQLite file lives. */
export function accountDatabaseFile(dataDir: string, accountId: string): string {
  return join(dataDir, 'accounts', `${accountId}.sqlite`);
}

/** The active account's open database, its posts and, once started, its sync engine. */
export class AccountSession extends EventEmitter<AccountSessionEvents> {
  readonly db: StudioDatabase;
  readonly outbox: Outbox;
  readonly posts: PostRepository;
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
    this.posts = new PostRepository(this.db, this.outbox, account.id);
  }

  /** Runs a local edit, then tells the UI and the sync engine. */
  edit<T>(run: (posts: PostRepository) => T): T {
    const result = run(this.posts);
    this.emit('postsChanged');
    this.engine?.localChange();
    if (!this.engine) this.emit('status', this.status());
    return result;
  }

  /** Starts syncing with the server using this token (no-op once closed or started). */
  startSync(token: string, settings: SyncSettings = {}): void {
    if (this.closed || this.engine) return;
    this.engine = new SyncEngine({
      db: this.db,
      outbox: this.outbox,
      serverUrl: this.account.serverUrl,
      token,
      ...settings,
    });
    this.engine.on('status', (status) => this.emit('status', status));
    this.engine.on('postsChanged', () => this.emit('postsChanged'));
    this.engine.start();
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
    await this.engine?.stop();
    this.engine?.removeAllListeners();
    this.db.close();
  }
}
