import { sql, type Kysely, type Selectable } from 'kysely';
import { newId } from '@shared/domain/ids';
import type { Queryable } from '../../db/queryable';
import type { Database, ScheduledJobStatus, ScheduledJobsTable } from '../../db/schema';

export interface NewScheduledJob {
  /** Which handler runs it, e.g. `subscription.renew`. */
  readonly kind: string;
  /**
   * Names the job for good: scheduling a key again (even after the job ran or was cancelled) is a no-op, so a
   * key says which occurrence it is, e.g. `subscription.renew:<subscription id>:<period end>`.
   */
  readonly key: string;
  /** Plain JSON. It is kept in the database, and never logged. */
  readonly payload: unknown;
  readonly runAt: Date;
}

export interface ScheduledJob {
  readonly id: string;
  readonly kind: string;
  readonly key: string;
  readonly payload: unknown;
  readonly runAt: Date;
  readonly status: ScheduledJobStatus;
  /** Claims so far, the one running now included. */
  readonly attempts: number;
  readonly lockedUntil: Date | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** A job this worker holds until `lockedUntil`; `attempts` tells this claim from any later one. */
export type ClaimedJob = ScheduledJob & { readonly status: 'running'; readonly lockedUntil: Date };

/** Which claim a completion or failure belongs to. */
export type JobClaim = Pick<ScheduledJob, 'id' | 'attempts'>;

const UNFINISHED: ScheduledJobStatus[] = ['pending', 'running'];

/** The `scheduled_jobs` table: work that runs at a time, claimed by one worker at a time under a lease. */
export class ScheduledJobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds a job unless its key exists; true when it was new. Takes the caller's transaction, so a job is
   * scheduled together with what it is about (a subscription and its renewal) or not at all.
   */
  async schedule(q: Queryable, job: NewScheduledJob): Promise<boolean> {
    const inserted = await q
      .insertInto('scheduled_jobs')
      .values({
        id: newId(),
        kind: job.kind,
        key: job.key,
        payload: JSON.stringify(job.payload ?? null),
        run_at: job.runAt,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /**
   * Stops a job from starting again; false when there was no unfinished job with this key. An attempt
   * already running finishes, but what it reports no longer overwrites the cancellation.
   */
  async cancel(q: Queryable, key: string, now: Date): Promise<boolean> {
    const cancelled = await q
      .updateTable('scheduled_jobs')
      .set({ status: 'cancelled', locked_until: null, finished_at: now })
      .where('key', '=', key)
      .where('status', 'in', UNFINISHED)
      .returning('id')
      .executeTakeFirst();
    return cancelled !== undefined;
  }

  /**
   * Claims up to `limit` due jobs for `leaseMs`, oldest first. `SKIP LOCKED` lets instances claiming at the
   * same moment take different rows instead of queueing behind each other; a `running` job whose lease has
   * ended (its worker died or stalled) is due again. The transaction lasts two statements, never a handler.
   * `now` is the caller's clock, not the database's, so tests can move it; instances' clocks must therefore
   * agree to well within a lease, or a fast one takes over jobs early.
   */
  claimDue(
    now: Date,
    limit: number,
    leaseMs: number,
    kinds: { readonly only?: readonly string[]; readonly except?: readonly string[] } = {},
  ): Promise<ClaimedJob[]> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('scheduled_jobs')
        .select('id')
        .where('status', 'in', UNFINISHED)
        .where('run_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]));
      if (kinds.only?.length) query = query.where('kind', 'in', kinds.only);
      if (kinds.except?.length) query = query.where('kind', 'not in', kinds.except);
      const due = await query.orderBy('run_at').orderBy('id').limit(limit).forUpdate().skipLocked().execute();
      if (due.length === 0) return [];
      const claimed = await trx
        .updateTable('scheduled_jobs')
        .set((eb) => ({
          status: 'running',
          locked_until: new Date(now.getTime() + leaseMs),
          attempts: eb('attempts', '+', 1),
        }))
        .where(
          'id',
          'in',
          due.map((row) => row.id),
        )
        .returningAll()
        .execute();
      return claimed.map((row) => toJob(row) as ClaimedJob).sort(byRunAt);
    });
  }

  /**
   * Marks a claimed job done; false when the claim is no longer the job's (its lease ran out and another
   * worker claimed it, or it was cancelled), so a late worker never overwrites the newer claim's outcome.
   */
  async complete(claim: JobClaim, now: Date): Promise<boolean> {
    const done = await this.#ofClaim(claim)
      .set({ status: 'done', locked_until: null, finished_at: now })
      .returning('id')
      .executeTakeFirst();
    return done !== undefined;
  }

  /**
   * Extends a running claim's lease to `until` (a long job's heartbeat); false when the claim is no longer the
   * job's, so the worker knows another claim took over.
   */
  async extendLease(claim: JobClaim, until: Date): Promise<boolean> {
    const extended = await this.#ofClaim(claim)
      .set({ locked_until: until })
      .returning('id')
      .executeTakeFirst();
    return extended !== undefined;
  }

  /** Marks many claimed jobs done in one statement (a batch handler's jobs); returns how many were still theirs. */
  async completeMany(claims: readonly JobClaim[], now: Date): Promise<number> {
    if (claims.length === 0) return 0;
    const { rows } = await sql<{ id: string }>`
      UPDATE scheduled_jobs AS j SET status = 'done', locked_until = NULL, finished_at = ${now}
      FROM (VALUES ${sql.join(claims.map((c) => sql`(${c.id}::uuid, ${c.attempts}::integer)`))}) AS c(id, attempts)
      WHERE j.id = c.id AND j.attempts = c.attempts AND j.status = 'running'
      RETURNING j.id`.execute(this.db);
    return rows.length;
  }

  /** Schedules many jobs in one statement, inside the caller's transaction; keys already used are skipped. */
  async scheduleMany(q: Queryable, jobs: readonly NewScheduledJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await q
      .insertInto('scheduled_jobs')
      .values(
        jobs.map((job) => ({
          id: newId(),
          kind: job.kind,
          key: job.key,
          payload: JSON.stringify(job.payload ?? null),
          run_at: job.runAt,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  /**
   * Records a failed attempt: due again at `retryAt`, or failed for good when it is null. False when the
   * claim is no longer the job's (see `complete`).
   */
  async fail(claim: JobClaim, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
    const update = this.#ofClaim(claim);
    const failed = await (
      retryAt
        ? update.set({ status: 'pending', run_at: retryAt, locked_until: null, last_error: error })
        : update.set({ status: 'failed', locked_until: null, last_error: error, finished_at: now })
    )
      .returning('id')
      .executeTakeFirst();
    return failed !== undefined;
  }

  async find(key: string): Promise<ScheduledJob | undefined> {
    const row = await this.db
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row && toJob(row);
  }

  /** Jobs, of one kind or status when given, in the order they are due. */
  async list(filter: { kind?: string; status?: ScheduledJobStatus } = {}): Promise<ScheduledJob[]> {
    let query = this.db.selectFrom('scheduled_jobs').selectAll();
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    const rows = await query.orderBy('run_at').orderBy('id').execute();
    return rows.map(toJob);
  }

  // `attempts` is the fencing token: every claim increments it, so it names exactly one claim.
  #ofClaim(claim: JobClaim) {
    return this.db
      .updateTable('scheduled_jobs')
      .where('id', '=', claim.id)
      .where('attempts', '=', claim.attempts)
      .where('status', '=', 'running');
  }
}

function toJob(row: Selectable<ScheduledJobsTable>): ScheduledJob {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: row.payload,
    runAt: row.run_at,
    status: row.status,
    attempts: row.attempts,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

const byRunAt = (a: ScheduledJob, b: ScheduledJob) =>
  a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
