import type { Kysely } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { describeErrorForLog } from '../../logging/error-log';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { ScheduledJobRepository, type ClaimedJob, type NewScheduledJob } from './scheduled-job-repository';

export interface JobContext {
  /** The scheduler's clock as the handler starts: handlers read time from here, never `new Date()`. */
  readonly now: Date;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** No retry follows if this attempt fails (e.g. to mark a subscription past due instead). */
  readonly isLastAttempt: boolean;
}

/**
 * Runs one job of a kind. It MUST be idempotent: a job can run more than once. When a worker is slow or dies,
 * its lease ends and another instance claims the job again while the first may still be running it (or may
 * have done its work and died before saying so). So a handler checks the state it is about to change (a
 * renewal looks at the subscription's period first), and anything that moves money passes an idempotency key
 * derived from the job's key, so a second run moves nothing twice. The payload is unvalidated JSON: parse it.
 */
export type JobHandler = (job: ClaimedJob, ctx: JobContext) => Promise<void>;

/**
 * Runs many due jobs of one kind at once (a renewal run of thousands of subscriptions due at the same moment,
 * settled in a few multi-row statements instead of thousands of small transactions). Resolves with the jobs that
 * failed and why; every other job is done. The same idempotency rules as `JobHandler` apply to each job.
 */
export type BatchJobHandler = (
  jobs: readonly ClaimedJob[],
  now: Date,
) => Promise<ReadonlyMap<string, unknown>>;

export interface SchedulerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** One handler per job kind; a job of a kind missing here fails (and is retried, see `runDue`). */
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Kinds run many at a time (claimed up to `batchClaimSize` together) instead of one by one. */
  readonly batchHandlers?: Readonly<Record<string, BatchJobHandler>>;
  /**
   * Kinds whose jobs run long (a transcode takes minutes): each lane claims and runs its kinds in a loop of
   * its own, `concurrency` at a time, so they never hold up the other jobs due meanwhile (renewals, scheduled
   * posts); while one runs, its lease is extended every third of `leaseMs`, so a live worker keeps its job
   * however long it takes and a dead one's is taken again after one lease.
   */
  readonly lanes?: readonly SchedulerLane[];
  /** How many jobs of a batch kind one claim takes (default 500). */
  readonly batchClaimSize?: number;
  /** How long a claim lasts: longer than any handler takes, short enough to pick up a dead worker's jobs. */
  readonly leaseMs?: number;
  /** Jobs claimed, and run side by side, at a time. */
  readonly batchSize?: number;
  readonly retry?: RetryPolicy;
  /**
   * Where failures are written (the server log by default). Lines name a job by kind and key, never its
   * payload; they do carry the handler's error message, so handlers keep payload contents out of theirs.
   */
  readonly log?: (line: string) => void;
}

export interface SchedulerLane {
  readonly kinds: readonly string[];
  readonly concurrency: number;
}

export interface RunDueResult {
  /** Jobs whose handler finished. */
  readonly ran: number;
  /** Attempts that failed, whether retried later or given up. */
  readonly failed: number;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_BATCH_SIZE = 20;
/** Enough of an error to tell what went wrong, bounded so a huge message cannot bloat the row. */
const MAX_ERROR_LENGTH = 4_000;

/**
 * Runs scheduled jobs when they are due, exactly once across any number of server instances (the database
 * hands each due job to one claimer under a lease), retrying failures with backoff.
 */
export class Scheduler {
  readonly #jobs: ScheduledJobRepository;
  readonly #clock: Clock;
  readonly #handlers: ReadonlyMap<string, JobHandler>;
  readonly #leaseMs: number;
  readonly #batchSize: number;
  readonly #retry: RetryPolicy;
  readonly #log: (line: string) => void;
  readonly #runs = new Set<Promise<RunDueResult>>();
  readonly #batchHandlers: ReadonlyMap<string, BatchJobHandler>;
  readonly #batchClaimSize: number;
  readonly #lanes: readonly SchedulerLane[];
  #loops: { timer?: NodeJS.Timeout }[] = [];
  #stopping = false;

  constructor(options: SchedulerOptions) {
    this.#jobs = new ScheduledJobRepository(options.db);
    this.#clock = options.clock;
    // A Map, so that a kind named like an Object.prototype member ('constructor') finds no handler.
    this.#handlers = new Map(Object.entries(options.handlers));
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.#batchHandlers = new Map(Object.entries(options.batchHandlers ?? {}));
    this.#batchClaimSize = options.batchClaimSize ?? 500;
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#log = options.log ?? ((line) => console.error(line));
    this.#lanes = options.lanes ?? [];
    for (const lane of this.#lanes) {
      if (!Number.isInteger(lane.concurrency) || lane.concurrency < 1)
        throw new RangeError('a lane runs 1 or more jobs at a time');
    }
    if (!(this.#leaseMs > 0)) throw new RangeError('leaseMs must be positive');
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1)
      throw new RangeError('batchSize must be 1 or more');
  }

  /**
   * Schedules a job in the caller's transaction (or on the pool); false when its key was already scheduled,
   * in which case the first job stays as it was. A kind without a handler is refused now rather than when due.
   */
  async schedule(q: Queryable, job: NewScheduledJob): Promise<boolean> {
    if (!this.#handlers.has(job.kind)) throw new Error(`no handler for scheduled job kind "${job.kind}"`);
    return this.#jobs.schedule(q, job);
  }

  /** Stops a job from starting again; false when no unfinished job has this key. */
  cancel(q: Queryable, key: string): Promise<boolean> {
    return this.#jobs.cancel(q, key, this.#clock.now());
  }

  /**
   * Claims and runs every job due now, a batch at a time, until none is left. A job that throws is retried
   * after the policy's wait, or marked failed once its attempts are spent; it never holds up the others. A job
   * of a kind this instance has no handler for fails the same way, so during a rolling deploy an instance
   * with the handler can still take it on a retry.
   */
  async runDue(): Promise<RunDueResult> {
    const results = await Promise.all([
      this.#tracked(() => this.#drain()),
      ...this.#lanes.map((lane) => this.#tracked(() => this.#drainLane(lane))),
    ]);
    return results.reduce((sum, r) => ({ ran: sum.ran + r.ran, failed: sum.failed + r.failed }), {
      ran: 0,
      failed: 0,
    });
  }

  async #tracked(drain: () => Promise<RunDueResult>): Promise<RunDueResult> {
    const run = drain();
    this.#runs.add(run);
    try {
      return await run;
    } finally {
      this.#runs.delete(run);
    }
  }

  /**
   * Runs due jobs now and then every `intervalMs` after each run ends (runs never overlap); each lane in a
   * loop of its own.
   */
  start(intervalMs: number): void {
    if (!(intervalMs > 0)) throw new RangeError('intervalMs must be positive');
    if (this.#loops.length > 0) throw new Error('the scheduler is already started');
    this.#startLoop(intervalMs, () => this.#tracked(() => this.#drain()));
    for (const lane of this.#lanes)
      this.#startLoop(intervalMs, () => this.#tracked(() => this.#drainLane(lane)));
  }

  #startLoop(intervalMs: number, run: () => Promise<RunDueResult>): void {
    const loop: { timer?: NodeJS.Timeout } = {};
    this.#loops.push(loop);
    const tick = async () => {
      try {
        await run();
      } catch (error) {
        // The database being away for a while must not end the loop: the next tick tries again.
        this.#log(`scheduled jobs: run failed: ${describeErrorForLog(error)}`);
      }
      if (!this.#loops.includes(loop)) return; // stopped meanwhile
      loop.timer = setTimeout(tick, intervalMs);
      loop.timer.unref();
    };
    void tick();
  }

  /** Ends the loop and resolves once every handler running in this instance has finished. */
  async stop(): Promise<void> {
    for (const loop of this.#loops) clearTimeout(loop.timer);
    this.#loops = [];
    this.#stopping = true;
    try {
      await Promise.allSettled([...this.#runs]);
    } finally {
      this.#stopping = false;
    }
  }

  /**
   * Keeps up to `batchSize` jobs running, claiming more whenever half of them have finished, until a claim
   * comes back short (nothing else is due). A window rather than batch after batch: one slow job no longer
   * holds up the claim of the next ones (measured on a renewal run of thousands of due jobs).
   */
  async #drain(): Promise<RunDueResult> {
    let ran = 0;
    let failed = 0;
    for (const [kind, handler] of this.#batchHandlers) {
      const result = await this.#drainBatches(kind, handler);
      ran += result.ran;
      failed += result.failed;
    }
    const except = [...this.#batchHandlers.keys(), ...this.#lanes.flatMap((lane) => lane.kinds)];
    const running = new Set<Promise<void>>();
    let exhausted = false;
    while (!exhausted || running.size > 0) {
      if (!exhausted && running.size <= this.#batchSize / 2) {
        const wanted = this.#batchSize - running.size;
        const claimed = await this.#jobs.claimDue(this.#clock.now(), wanted, this.#leaseMs, { except });
        // A short claim means nothing else was due; stopping leaves the rest to the next instance or start.
        if (claimed.length < wanted || this.#stopping) exhausted = true;
        for (const job of claimed) {
          const done: Promise<void> = this.#run(job).then((outcome) => {
            if (outcome === 'done') ran += 1;
            else failed += 1;
            running.delete(done);
          });
          running.add(done);
        }
        if (claimed.length > 0 && running.size <= this.#batchSize / 2) continue;
      }
      if (running.size > 0) await Promise.race(running);
      if (this.#stopping) exhausted = true;
    }
    return { ran, failed };
  }

  /** Runs a lane's due jobs, `concurrency` at a time, until none is left; each keeps its lease while it runs. */
  async #drainLane(lane: SchedulerLane): Promise<RunDueResult> {
    let ran = 0;
    let failed = 0;
    const running = new Set<Promise<void>>();
    let exhausted = false;
    while (!exhausted || running.size > 0) {
      if (!exhausted && running.size < lane.concurrency) {
        const wanted = lane.concurrency - running.size;
        const claimed = await this.#jobs.claimDue(this.#clock.now(), wanted, this.#leaseMs, {
          only: lane.kinds,
        });
        if (claimed.length < wanted || this.#stopping) exhausted = true;
        for (const job of claimed) {
          const done: Promise<void> = this.#runKeepingLease(job).then((outcome) => {
            if (outcome === 'done') ran += 1;
            else failed += 1;
            running.delete(done);
            // A slot is free: look for more due jobs (one may have become due while this one ran).
            exhausted = this.#stopping;
          });
          running.add(done);
        }
        if (claimed.length > 0 && running.size < lane.concurrency) continue;
      }
      if (running.size > 0) await Promise.race(running);
      if (this.#stopping) exhausted = true;
    }
    return { ran, failed };
  }

  /** `#run`, extending the job's lease every third of it while the handler works. */
  async #runKeepingLease(job: ClaimedJob): Promise<'done' | 'failed'> {
    const heartbeat = setInterval(
      () => {
        const until = new Date(this.#clock.now().getTime() + this.#leaseMs);
        this.#jobs.extendLease(job, until).catch((error: unknown) => {
          // The next beat tries again; if none gets through, the lease ends and another worker takes the job.
          this.#log(
            `scheduled job ${job.kind} ${job.key}: extending its lease failed: ${describeErrorForLog(error)}`,
          );
        });
      },
      Math.max(1, Math.floor(this.#leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      return await this.#run(job);
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Claims and runs jobs of one batch kind, `batchClaimSize` at a time, until a claim comes back short. */
  async #drainBatches(kind: string, handler: BatchJobHandler): Promise<RunDueResult> {
    let ran = 0;
    let failed = 0;
    for (;;) {
      const now = this.#clock.now();
      const claimed = await this.#jobs.claimDue(now, this.#batchClaimSize, this.#leaseMs, { only: [kind] });
      if (claimed.length === 0) return { ran, failed };
      let failures: ReadonlyMap<string, unknown>;
      try {
        failures = await handler(claimed, now);
      } catch (error) {
        // The whole batch failed (the database went away): each job is retried on its own schedule.
        failures = new Map(claimed.map((job) => [job.id, error]));
      }
      const done = claimed.filter((job) => !failures.has(job.id));
      try {
        await this.#jobs.completeMany(done, this.#clock.now());
      } catch (error) {
        this.#log(
          `scheduled jobs ${kind}: marking ${done.length} done failed: ${describeErrorForLog(error)}`,
        );
      }
      for (const job of claimed) {
        if (failures.has(job.id)) await this.#recordFailure(job, failures.get(job.id));
      }
      ran += done.length;
      failed += claimed.length - done.length;
      if (claimed.length < this.#batchClaimSize || this.#stopping) return { ran, failed };
    }
  }

  /** Never rejects: one job's trouble, even in recording its outcome, stays with that job. */
  async #run(job: ClaimedJob): Promise<'done' | 'failed'> {
    const { maxAttempts } = this.#retry;
    try {
      const handler = this.#handlers.get(job.kind);
      if (job.attempts > maxAttempts) {
        // Earlier claims ended without a word (their workers died or overran the lease): the budget is spent.
        throw new Error(
          `gave up: attempt ${job.attempts - 1} of ${maxAttempts} did not finish within its lease`,
        );
      }
      if (!handler) throw new Error(`no handler for scheduled job kind "${job.kind}" on this server`);
      await handler(job, {
        now: this.#clock.now(),
        attempt: job.attempts,
        isLastAttempt: job.attempts >= maxAttempts,
      });
    } catch (error) {
      await this.#recordFailure(job, error);
      return 'failed';
    }
    try {
      // False when the lease ran out and another claim owns the job now: that claim reports the outcome.
      await this.#jobs.complete(job, this.#clock.now());
    } catch (error) {
      // The work is done but not marked: after the lease the job runs again, which handlers allow.
      this.#log(`scheduled job ${job.kind} ${job.key}: marking done failed: ${describeErrorForLog(error)}`);
    }
    return 'done';
  }

  async #recordFailure(job: ClaimedJob, error: unknown): Promise<void> {
    const now = this.#clock.now();
    const { maxAttempts } = this.#retry;
    const retryAt =
      job.attempts < maxAttempts ? new Date(now.getTime() + this.#retry.delayAfter(job.attempts)) : null;
    const described = describeErrorForLog(error);
    const next = retryAt ? `retry at ${retryAt.toISOString()}` : 'given up';
    this.#log(
      `scheduled job ${job.kind} ${job.key}: attempt ${job.attempts} of ${maxAttempts} failed, ${next}: ${described}`,
    );
    try {
      await this.#jobs.fail(job, described.slice(0, MAX_ERROR_LENGTH), retryAt, now);
    } catch (recordError) {
      // Unrecorded, the job stays claimed until its lease ends and is then tried again.
      this.#log(
        `scheduled job ${job.kind} ${job.key}: recording the failure failed: ${describeErrorForLog(recordError)}`,
      );
    }
  }
}
