import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Work that runs at a time and survives restarts (renewals, grace ends, trial ends; later scheduled posts,
 * auction deadlines, escrow releases). One row per job; `key` makes scheduling the same job twice a no-op. A
 * worker claims due rows with `FOR UPDATE SKIP LOCKED` and holds a lease (`locked_until`), so several server
 * instances never run one job at the same time, and a job whose worker died is taken again when its lease ends.
 */
export const migration0004ScheduledJobs: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('scheduled_jobs')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull().unique())
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('run_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`status in ('pending', 'running', 'done', 'failed', 'cancelled')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'timestamptz')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('finished_at', 'timestamptz')
      .execute();
    // The due-work scan reads only unfinished rows, in time order.
    await sql`CREATE INDEX scheduled_jobs_due_idx ON scheduled_jobs (run_at) WHERE status IN ('pending', 'running')`.execute(
      db,
    );
  },
};
