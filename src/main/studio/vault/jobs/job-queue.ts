import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { InvalidStateError, NotFoundError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { backoffDelay, type BackoffPolicy } from '../../sync/backoff';
import { failureMessage, JobMustWaitError } from './job-errors';
import { JOB_KINDS, JobTable, type JobKind, type VaultJob } from './job-table';

/** What a running job is handed: its stop signal and where to report how far it is. */
export interface JobContext {
  /** Aborted when the creator cancels the job or the studio closes: stop, leave no partial output. */
  readonly signal: AbortSignal;
  /** How far the whole job is (0..1) and the wall time left; stored and announced a few times a second at most. */
  progress(fraction: number, etaMs: number | null): void;
}

/** Does one job's work; resolves when done, throws `JobMustWaitError` to be tried later, anything else fails it. */
export type JobRunner = (job: VaultJob, context: JobContext) => Promise<void>;

export interface JobProgress {
  readonly jobId: string;
  readonly itemId: string;
  readonly kind: JobKind;
  readonly progress: number;
  readonly etaMs: number | null;
}

interface JobQueueEvents {
  /** A running job's progress, at most once per `progressIntervalMs` per job. */
  progress: [JobProgress];
  /** Jobs of these vault items changed (state or progress), batched to a few times a second. */
  changed: [itemIds: readonly string[]];
  /** A job changed state (queued, running, done, failed, cancelled). */
  state: [VaultJob];
}

export interface JobQueueOptions {
  readonly db: Database.Database;
  readonly runners: Readonly<Record<JobKind, JobRunner>>;
  /** Jobs of a kind running at once. Processing: 1 (ffmpeg already uses every core); uploads: 2. */
  readonly concurrency?: Partial<Record<JobKind, number>>;
  /**
   * Starts a job may have before it fails: a job that keeps ending with the studio (a file that crashes it)
   * must not run at every start for ever. Waits for the connection and a closing studio do not count.
   */
  readonly maxStarts?: Partial<Record<JobKind, number>>;
  /** How long a job that must wait (offline) stays queued before it is tried again. */
  readonly waitBackoff?: BackoffPolicy;
  readonly progressIntervalMs?: number;
  /** How long `close` waits for running jobs to stop. */
  readonly closeTimeoutMs?: number;
}

const DEFAULT_CONCURRENCY: Record<JobKind, number> = { process: 1, upload: 2 };
const DEFAULT_MAX_STARTS: Record<JobKind, number> = { process: 3, upload: 5 };
const DEFAULT_WAIT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 60_000 };

interface RunningJob {
  readonly job: VaultJob;
  readonly controller: AbortController;
  /** Why it is being stopped, if it is. */
  stop: 'cancel' | 'close' | null;
  done: Promise<void>;
}

/**
 * The vault's persisted job queue (`vault_jobs`): oldest first within each kind, a few at a time, cancellable,
 * and safe across restarts (a job the studio was running when it stopped runs again at the next start).
 */
export class JobQueue extends EventEmitter<JobQueueEvents> {
  private readonly table: JobTable;
  private readonly concurrency: Record<JobKind, number>;
  private readonly maxStarts: Record<JobKind, number>;
  private readonly waitBackoff: BackoffPolicy;
  private readonly progressIntervalMs: number;
  private readonly running = new Map<string, RunningJob>();
  /** Jobs that must wait: not before this time (ms), and how many waits in a row. */
  private readonly waiting = new Map<string, { notBefore: number; waits: number }>();
  private readonly lastProgressWrite = new Map<string, number>();
  private readonly pendingProgress = new Map<string, { timer: NodeJS.Timeout; write: () => void }>();
  private changedItems = new Set<string>();
  private changedTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private started = false;
  private closed = false;

  constructor(private readonly options: JobQueueOptions) {
    super();
    this.table = new JobTable(options.db);
    this.concurrency = { ...DEFAULT_CONCURRENCY, ...options.concurrency };
    this.maxStarts = { ...DEFAULT_MAX_STARTS, ...options.maxStarts };
    this.waitBackoff = options.waitBackoff ?? DEFAULT_WAIT_BACKOFF;
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
  }

  /** Puts jobs the last studio left running back in the queue and starts working. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (const itemId of this.table.requeueAllRunning(nowIso())) this.announce(itemId);
    this.pump();
  }

  /** Queues a job for the item, or returns its queued or running job of that kind. */
  enqueue(itemId: string, kind: JobKind): VaultJob {
    let job: VaultJob;
    try {
      job = this.table.insertUnlessOpen({ id: newId(), itemId, kind, at: nowIso() });
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new NotFoundError('This item is not in the vault');
      }
      throw error;
    }
    this.announce(itemId);
    this.pump();
    return job;
  }

  /** Stops a job: a queued one never runs, a running one is aborted (resolves once it has stopped). */
  async cancel(jobId: string): Promise<VaultJob> {
    const job = this.get(jobId);
    if (job.state !== 'queued' && job.state !== 'running') {
      throw new InvalidStateError(`This job is already ${job.state}`);
    }
    const running = this.running.get(jobId);
    if (running) {
      running.stop = 'cancel';
      running.controller.abort();
      await running.done;
    } else {
      this.waiting.delete(jobId);
      this.settle(job, { state: 'cancelled' });
    }
    return this.get(jobId);
  }

  /** Queues a failed or cancelled job again, with its starts counted from zero. */
  retry(jobId: string): VaultJob {
    const job = this.get(jobId);
    if (job.state !== 'failed' && job.state !== 'cancelled') {
      throw new InvalidStateError(`Only a failed or cancelled job can be retried; this one is ${job.state}`);
    }
    const open = this.table.open(job.itemId, job.kind);
    if (open) return open;
    this.waiting.delete(jobId);
    this.settle(job, { state: 'queued', resetProgress: true, resetAttempts: true });
    this.pump();
    return this.get(jobId);
  }

  get(jobId: string): VaultJob {
    const job = this.table.get(jobId);
    if (!job) throw new NotFoundError('No such job');
    return job;
  }

  /** Every job newest first, or one item's. */
  list(itemId?: string): VaultJob[] {
    return this.table.list(itemId);
  }

  /** Resolves with the job once it is done, failed or cancelled. */
  settled(jobId: string): Promise<VaultJob> {
    return new Promise((resolve) => {
      const check = (job: VaultJob) => {
        if (job.id !== jobId || job.state === 'queued' || job.state === 'running') return false;
        this.off('state', check);
        resolve(job);
        return true;
      };
      this.on('state', check);
      check(this.get(jobId));
    });
  }

  /** Tries waiting jobs now (of one kind, or all): the connection came back. */
  wake(kind?: JobKind): void {
    for (const jobId of [...this.waiting.keys()]) {
      const job = this.table.get(jobId);
      if (!kind || job?.kind === kind) this.waiting.delete(jobId);
    }
    this.pump();
  }

  /**
   * Stops every running job and waits for them; they stay queued (not failed) and run again at the next
   * start. Call before closing the database.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    const stopping = [...this.running.values()].map((running) => {
      running.stop = 'close';
      running.controller.abort();
      return running.done;
    });
    // A runner that ignores its signal must not keep the studio from quitting: its job is queued again anyway.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.closeTimeoutMs ?? 10_000);
    });
    await Promise.race([Promise.all(stopping), timeout]);
    clearTimeout(timer);
    for (const running of this.running.values()) {
      this.table.transition(running.job.id, { state: 'queued', attemptsDelta: -1, at: nowIso() });
    }
    this.running.clear();
    for (const pending of this.pendingProgress.values()) clearTimeout(pending.timer);
    this.pendingProgress.clear();
    if (this.changedTimer) clearTimeout(this.changedTimer);
    this.changedTimer = null;
  }

  /** Starts as many queued jobs as each kind's limit allows, oldest first. */
  private pump(): void {
    if (!this.started || this.closed) return;
    const now = Date.now();
    for (const kind of JOB_KINDS) {
      let free = this.concurrency[kind] - this.runningCount(kind);
      for (const job of this.table.queued(kind)) {
        if (free <= 0) break;
        if (this.running.has(job.id)) continue;
        if ((this.waiting.get(job.id)?.notBefore ?? 0) > now) continue;
        if (job.attempts >= this.maxStarts[kind]) {
          this.settle(job, {
            state: 'failed',
            error: `Stopped after ${job.attempts} tries: the studio closed or crashed during each one. Retry when ready.`,
          });
          continue;
        }
        if (!this.table.claim(job.id, nowIso())) continue;
        this.run(this.table.get(job.id)!);
        free -= 1;
      }
    }
    this.scheduleWake();
  }

  private run(job: VaultJob): void {
    const controller = new AbortController();
    const running: RunningJob = { job, controller, stop: null, done: Promise.resolve() };
    this.running.set(job.id, running);
    this.emit('state', job);
    this.announce(job.itemId);
    const context: JobContext = {
      signal: controller.signal,
      progress: (fraction, etaMs) => this.reportProgress(job, fraction, etaMs),
    };
    running.done = Promise.resolve()
      .then(() => this.options.runners[job.kind](job, context))
      .then(
        () => this.finish(running, null),
        (error: unknown) => this.finish(running, error ?? new Error('unknown error')),
      );
  }

  private finish(running: RunningJob, error: unknown): void {
    const { job } = running;
    if (this.running.get(job.id) !== running) return; // given up on by `close`
    this.dropPendingProgress(job.id);
    this.running.delete(job.id);
    if (error === null) {
      this.waiting.delete(job.id);
      this.settle(job, { state: 'done' });
    } else if (running.stop === 'cancel') {
      this.waiting.delete(job.id);
      this.settle(job, { state: 'cancelled' });
    } else if (running.stop === 'close') {
      // Closing is not the job's fault: this start does not count against it.
      this.table.transition(job.id, { state: 'queued', attemptsDelta: -1, at: nowIso() });
    } else if (error instanceof JobMustWaitError) {
      const waits = (this.waiting.get(job.id)?.waits ?? 0) + 1;
      this.waiting.set(job.id, { notBefore: Date.now() + backoffDelay(waits - 1, this.waitBackoff), waits });
      this.settle(job, { state: 'queued', error: error.message, attemptsDelta: -1 });
    } else {
      this.waiting.delete(job.id);
      this.settle(job, { state: 'failed', error: failureMessage(job.kind, error) });
    }
    this.pump();
  }

  private settle(
    job: VaultJob,
    change: {
      state: VaultJob['state'];
      error?: string;
      resetProgress?: boolean;
      resetAttempts?: boolean;
      attemptsDelta?: number;
    },
  ): void {
    this.table.transition(job.id, { ...change, at: nowIso() });
    // The row is gone if its item was deleted for good meanwhile (the jobs go with it).
    const settled = this.table.get(job.id);
    if (settled) this.emit('state', settled);
    this.announce(job.itemId);
  }

  private reportProgress(job: VaultJob, fraction: number, etaMs: number | null): void {
    if (this.closed || !this.running.has(job.id)) return;
    const progress = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const eta = etaMs === null || !Number.isFinite(etaMs) ? null : Math.max(0, Math.round(etaMs));
    const write = () => {
      this.pendingProgress.delete(job.id);
      if (!this.running.has(job.id)) return;
      this.lastProgressWrite.set(job.id, Date.now());
      this.table.progress(job.id, progress, eta, nowIso());
      this.emit('progress', { jobId: job.id, itemId: job.itemId, kind: job.kind, progress, etaMs: eta });
      this.announce(job.itemId);
    };
    const sinceLast = Date.now() - (this.lastProgressWrite.get(job.id) ?? 0);
    const pending = this.pendingProgress.get(job.id);
    if (pending) clearTimeout(pending.timer);
    if (sinceLast >= this.progressIntervalMs) {
      write();
      return;
    }
    // Keep the latest value and write it when the interval is up, so the last step is never lost.
    const timer = setTimeout(write, this.progressIntervalMs - sinceLast);
    timer.unref();
    this.pendingProgress.set(job.id, { timer, write });
  }

  private dropPendingProgress(jobId: string): void {
    const pending = this.pendingProgress.get(jobId);
    if (pending) clearTimeout(pending.timer);
    this.pendingProgress.delete(jobId);
    this.lastProgressWrite.delete(jobId);
  }

  /** Says these items' jobs changed: at once, then at most once per interval while changes keep coming. */
  private announce(itemId: string): void {
    this.changedItems.add(itemId);
    if (this.changedTimer) return;
    this.flushChanged();
  }

  private flushChanged(): void {
    if (this.changedItems.size === 0) {
      this.changedTimer = null;
      return;
    }
    const ids = [...this.changedItems];
    this.changedItems = new Set();
    this.emit('changed', ids);
    this.changedTimer = setTimeout(() => this.flushChanged(), this.progressIntervalMs);
    this.changedTimer.unref();
  }

  private scheduleWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    if (this.waiting.size === 0 || this.closed) return;
    const next = Math.min(...[...this.waiting.values()].map((wait) => wait.notBefore));
    this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, next - Date.now()) + 5);
    this.wakeTimer.unref();
  }

  private runningCount(kind: JobKind): number {
    let count = 0;
    for (const running of this.running.values()) if (running.job.kind === kind) count += 1;
    return count;
  }
}

function nowIso(): string {
  return new Date().toISOString();
}
