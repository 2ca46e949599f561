import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import {
  MAX_MUTATIONS_PER_PUSH,
  PULL_PAGE_MAX,
  type Mutation,
  type MutationResult,
  type PullResponse,
} from '@shared/domain/sync/protocol';
import type { ConnectionState, SyncStatus } from '@shared/domain/sync/status';
import { applyAnswers } from './apply-answers';
import { applyPage, type ChangedIds } from './apply-page';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { readCursor } from './cursor';
import { fetchFeedPage } from './feed-client';
import { entityKey, type Outbox } from './outbox';
import { sendableBatch } from './sendable-batch';
import type { StudioKinds } from './synced-kind';
import {
  createServerClient,
  createServerSubscriptions,
  withRequestTimeout,
  type ServerClient,
  type ServerFetch,
} from './server-client';
import {
  describeSyncError,
  isBadRequest,
  isServerFailure,
  isUnauthorized,
  SESSION_EXPIRED,
} from './sync-errors';

/** How many entities one push round may hold back on server failures before it backs off altogether. */
const MAX_HELD_ENTITIES_PER_PUSH = 3;

/** Edits made within this window after one another go to the server in one batch. */
const LOCAL_CHANGE_DEBOUNCE_MS = 25;

export interface SyncEngineOptions {
  readonly db: Database.Database;
  readonly outbox: Outbox;
  /** The kinds this account syncs: where answers and pulled changes land. */
  readonly kinds: StudioKinds;
  readonly serverUrl: string;
  readonly token: string;
  readonly fetch?: ServerFetch;
  readonly backoff?: BackoffPolicy;
  readonly batchSize?: number;
  readonly pageSize?: number;
  /** Listen to the server's change notices over WebSocket (default true). */
  readonly live?: boolean;
}

export interface SyncEngineEvents {
  status: [SyncStatus];
  /** Local records of a kind changed because of the server (answers recorded or changes pulled). */
  changed: [entity: string, ids: readonly string[]];
}

/**
 * Keeps one account's database and the server in step: pushes the outbox in order, then pulls the change
 * feed from the saved cursor; retries with backoff while the server is unreachable and stops when the
 * session is refused.
 */
export class SyncEngine extends EventEmitter<SyncEngineEvents> {
  private readonly client: ServerClient;
  private readonly backoff: BackoffPolicy;
  private readonly batchSize: number;
  private readonly pageSize: number;
  private state: ConnectionState = 'connecting';
  private lastSyncedAt: string | null = null;
  private lastError: string | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private localTimer: NodeJS.Timeout | null = null;
  private halted = false;
  private stopped = false;
  private live: { close: () => void; unsubscribe: () => void } | null = null;
  private readonly aborter = new AbortController();

  constructor(private readonly opts: SyncEngineOptions) {
    super();
    this.client = createServerClient({ serverUrl: opts.serverUrl, token: opts.token, fetch: opts.fetch });
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.batchSize = Math.min(opts.batchSize ?? MAX_MUTATIONS_PER_PUSH, MAX_MUTATIONS_PER_PUSH);
    this.pageSize = Math.min(opts.pageSize ?? PULL_PAGE_MAX, PULL_PAGE_MAX);
  }

  /** The connection state, pending count and last outcome, as the UI shows them. */
  status(): SyncStatus {
    return {
      state: this.state,
      serverUrl: this.opts.serverUrl,
      pending: this.opts.outbox.pendingCount(),
      lastSyncedAt: this.lastSyncedAt,
      lastError: this.lastError,
    };
  }

  /** Starts syncing in the background: one sync now, then on every change notice from the server. */
  start(): void {
    if (this.opts.live !== false) this.listen();
    void this.requestSync();
  }

  /** Pushes then pulls at once (or right after the sync under way); resolves when the outbox was tried. */
  syncNow(): Promise<void> {
    return this.requestSync();
  }

  /** A local change was queued: tell the UI the pending count and push it, a burst of edits as one batch. */
  localChange(): void {
    this.emitStatus();
    if (this.localTimer || this.stopped) return;
    this.localTimer = setTimeout(() => {
      this.localTimer = null;
      void this.requestSync();
    }, LOCAL_CHANGE_DEBOUNCE_MS);
  }

  /** Stops syncing and closes the connection; a sync under way finishes its current request first. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearRetry();
    if (this.localTimer) clearTimeout(this.localTimer);
    this.aborter.abort();
    this.live?.unsubscribe();
    this.live?.close();
    this.live = null;
    await this.running?.catch(() => undefined);
  }

  private requestSync(): Promise<void> {
    if (this.stopped || this.halted) return Promise.resolve();
    this.again = true;
    this.running ??= this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    while (this.again && !this.stopped && !this.halted) {
      this.again = false;
      this.clearRetry();
      this.setState(stateWhileTrying(this.state));
      try {
        await this.push();
        await this.pull();
        this.attempt = 0;
        this.lastError = null;
        this.lastSyncedAt = new Date().toISOString();
        this.setState('online');
      } catch (error) {
        this.fail(error);
        return;
      }
    }
  }

  private fail(error: unknown): void {
    this.lastError = describeSyncError(error);
    if (isUnauthorized(error)) {
      // The token is gone for good: stop knocking until the creator signs in again.
      this.halted = true;
      this.lastError = SESSION_EXPIRED;
      this.live?.unsubscribe();
      this.live?.close();
      this.live = null;
      this.setState('offline');
      return;
    }
    if (this.stopped) return;
    this.setState('offline');
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.retryTimer = setTimeout(() => void this.requestSync(), delay);
    this.retryTimer.unref();
  }

  /**
   * Sends the outbox oldest first; a failed request leaves it intact so the retry sends the same ids. A batch
   * the server refuses as malformed is split, then the one mutation it refuses alone is marked rejected. A
   * mutation the server fails on (5xx) holds back its own entity only: the others' changes still go, and
   * the held one is retried with backoff. Either way one bad mutation never holds back the whole outbox.
   */
  private async push(): Promise<void> {
    let limit = this.batchSize;
    const held = new Set<string>();
    let heldBy: unknown = null;
    for (;;) {
      const batch = sendableBatch(
        this.opts.outbox.peek(limit, held).map((entry) => entry.mutation),
        (entity) => this.opts.kinds.get(entity),
      );
      if (this.stopped) return;
      if (batch.length === 0) {
        if (heldBy !== null) throw heldBy; // retried with backoff, like an unreachable server
        return;
      }
      let results: readonly MutationResult[];
      try {
        const response = await this.client.sync.push.mutate(
          { mutations: batch },
          { signal: this.aborter.signal },
        );
        // Plain JSON on the wire: a conflict's `current` (a kind's snapshot, typed `unknown`) reads back as
        // optional; the server always sends it.
        results = response.results as readonly MutationResult[];
      } catch (error) {
        const refused = isBadRequest(error);
        if (!refused && !isServerFailure(error)) throw error;
        if (batch.length > 1) {
          limit = 1; // find the one it is about
          continue;
        }
        const [only] = batch as [Mutation];
        if (!refused) {
          // Several entities failing in a row looks like the server failing as a whole: stop and back off.
          if (held.size >= MAX_HELD_ENTITIES_PER_PUSH) throw error;
          held.add(entityKey(only.entity, only.entityId));
          heldBy = error;
          limit = this.batchSize;
          continue;
        }
        results = [refusedByServer(only, error)];
      }
      limit = this.batchSize;
      // Syncing once the server answered: while an offline studio retries, its state stays Offline (the save
      // notices read it), not Syncing for the length of each failing request.
      if (this.state !== 'syncing') this.setState('syncing');
      this.emitChanged(applyAnswers(this.opts.db, this.opts.outbox, this.opts.kinds, batch, results));
      this.emitStatus();
      const first = batch[0];
      if (first && this.opts.outbox.peek(1, held)[0]?.mutation.id === first.id) {
        throw new Error(`The server did not answer mutation ${first.id}; retrying`);
      }
    }
  }

  /**
   * Pulls the change feed from the saved cursor (`GET /sync/feed`, the bulk form of `sync.pull`); each page is
   * applied with its cursor in one transaction, while the request for the next page is already on its way.
   */
  private async pull(): Promise<void> {
    let cursor = readCursor(this.opts.db);
    let next: Promise<PullResponse> | null = this.fetchPage(cursor);
    while (next) {
      const page: PullResponse = await next;
      if (this.stopped) return;
      next = page.hasMore ? this.fetchPage(page.cursor) : null;
      // A failed prefetch is awaited (and thrown) on the next turn; until then it must not count as unhandled.
      next?.catch(() => undefined);
      if (this.state !== 'syncing') this.setState('syncing');
      if (page.changes.length > 0 || page.cursor !== cursor) {
        this.emitChanged(applyPage(this.opts.db, this.opts.kinds, page.changes, page.cursor));
      }
      cursor = page.cursor;
    }
  }

  private fetchPage(after: number): Promise<PullResponse> {
    return fetchFeedPage({
      serverUrl: this.opts.serverUrl,
      token: this.opts.token,
      after,
      limit: this.pageSize,
      fetch: withRequestTimeout(this.opts.fetch ?? fetch),
      signal: this.aborter.signal,
    });
  }

  private listen(): void {
    const connection = createServerSubscriptions({
      serverUrl: this.opts.serverUrl,
      token: this.opts.token,
      retryDelayMs: (attempt) => backoffDelay(attempt, this.backoff),
      // A new connection may follow a server restart: catch up on whatever was missed.
      onOpen: () => void this.requestSync(),
      // The live link dropped (server stopped, network gone): ask the server at once, so the status says
      // Offline within moments (the failed sync retries with backoff), not only at the next edit.
      onClose: () => {
        if (!this.stopped && !this.halted && this.state === 'online') void this.requestSync();
      },
    });
    const subscription = connection.client.sync.onChange.subscribe(undefined, {
      onData: (notice: unknown) => {
        const seq = noticeSeq(notice);
        if (seq !== null && seq > readCursor(this.opts.db)) void this.requestSync();
      },
      onError: (error: unknown) => {
        if (isUnauthorized(error)) this.fail(error);
      },
    });
    this.live = { close: connection.close, unsubscribe: () => subscription.unsubscribe() };
  }

  private emitChanged(changed: ChangedIds): void {
    for (const [entity, ids] of changed) this.emit('changed', entity, ids);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    if (!this.stopped) this.emit('status', this.status());
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

/**
 * The state shown while a sync runs: Syncing when the server answered last time; Offline stays Offline while
 * retries fail (a black-holed request can take its whole timeout); Connecting only before the first answer.
 */
function stateWhileTrying(current: ConnectionState): ConnectionState {
  if (current === 'online' || current === 'syncing') return 'syncing';
  return current === 'offline' ? 'offline' : 'connecting';
}

function refusedByServer(mutation: Mutation, error: unknown): MutationResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: mutation.id,
    status: 'rejected',
    code: 'BAD_REQUEST',
    message: `The server refused it: ${message}`,
  };
}

// `tracked()` notices arrive as `{ id, data }`; plain ones as the data itself.
function noticeSeq(notice: unknown): number | null {
  if (typeof notice !== 'object' || notice === null) return null;
  const value =
    'data' in notice && typeof notice.data === 'object' && notice.data !== null ? notice.data : notice;
  return 'seq' in value && typeof value.seq === 'number' ? value.seq : null;
}
