import type Database from 'better-sqlite3';

export const JOB_KINDS = ['process', 'upload'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One row of the vault's job queue, as the queue and the screens see it. */
export interface VaultJob {
  readonly id: string;
  readonly itemId: string;
  readonly kind: JobKind;
  readonly state: JobState;
  /** 0..1 of the whole job (every step of processing an item, or every byte of an upload). */
  readonly progress: number;
  /** Wall time left, null until it can be told. */
  readonly etaMs: number | null;
  /** Why it failed, or what it is waiting for while queued, in words for the creator. */
  readonly error: string | null;
  /** How many times the job was started (a studio that died mid-job counts one). */
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface JobRow {
  id: string;
  item_id: string;
  kind: JobKind;
  state: JobState;
  progress: number;
  eta_ms: number | null;
  error: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
}

function toJob(row: JobRow): VaultJob {
  return {
    id: row.id,
    itemId: row.item_id,
    kind: row.kind,
    state: row.state,
    progress: row.progress,
    etaMs: row.eta_ms,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The `vault_jobs` table of an account's database: every statement that reads or writes it. */
export class JobTable {
  private readonly selectById: Database.Statement<[string], JobRow>;
  private readonly selectOpen: Database.Statement<[string, JobKind], JobRow>;
  private readonly selectQueued: Database.Statement<[JobKind], JobRow>;
  private readonly selectAll: Database.Statement<[], JobRow>;
  private readonly selectOfItem: Database.Statement<[string], JobRow>;
  private readonly insertRow: Database.Statement;
  private readonly setState: Database.Statement;
  private readonly setProgress: Database.Statement;
  private readonly claimRow: Database.Statement;
  private readonly requeueRunning: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.selectById = db.prepare('SELECT * FROM vault_jobs WHERE id = ?');
    this.selectOpen = db.prepare(
      `SELECT * FROM vault_jobs WHERE item_id = ? AND kind = ? AND state IN ('queued', 'running')
       ORDER BY created_at, id LIMIT 1`,
    );
    this.selectQueued = db.prepare(
      `SELECT * FROM vault_jobs WHERE state = 'queued' AND kind = ? ORDER BY created_at, id`,
    );
    this.selectAll = db.prepare('SELECT * FROM vault_jobs ORDER BY created_at DESC, id DESC');
    this.selectOfItem = db.prepare(
      'SELECT * FROM vault_jobs WHERE item_id = ? ORDER BY created_at DESC, id DESC',
    );
    this.insertRow = db.prepare(
      `INSERT INTO vault_jobs (id, item_id, kind, state, created_at, updated_at)
       VALUES (@id, @itemId, @kind, 'queued', @at, @at)`,
    );
    this.setState = db.prepare(
      `UPDATE vault_jobs SET state = @state, error = @error, eta_ms = NULL,
         progress = CASE WHEN @state = 'done' THEN 1 WHEN @resetProgress THEN 0 ELSE progress END,
         attempts = CASE WHEN @resetAttempts THEN 0 ELSE attempts + @attemptsDelta END,
         updated_at = @at
       WHERE id = @id`,
    );
    this.setProgress = db.prepare(
      `UPDATE vault_jobs SET progress = @progress, eta_ms = @etaMs, updated_at = @at
       WHERE id = @id AND state = 'running'`,
    );
    this.claimRow = db.prepare(
      `UPDATE vault_jobs SET state = 'running', attempts = attempts + 1, updated_at = @at
       WHERE id = @id AND state = 'queued'`,
    );
    this.requeueRunning = db.prepare(
      `UPDATE vault_jobs SET state = 'queued', eta_ms = NULL, updated_at = @at WHERE state = 'running'
       RETURNING item_id`,
    );
  }

  get(id: string): VaultJob | undefined {
    const row = this.selectById.get(id);
    return row && toJob(row);
  }

  /** The item's queued or running job of this kind, if any. */
  open(itemId: string, kind: JobKind): VaultJob | undefined {
    const row = this.selectOpen.get(itemId, kind);
    return row && toJob(row);
  }

  /** Queued jobs of one kind, oldest first. */
  queued(kind: JobKind): VaultJob[] {
    return this.selectQueued.all(kind).map(toJob);
  }

  /** Every job, newest first; or one item's. */
  list(itemId?: string): VaultJob[] {
    return (itemId === undefined ? this.selectAll.all() : this.selectOfItem.all(itemId)).map(toJob);
  }

  /** A new queued job, or the item's open one of that kind (checked and written in one transaction). */
  insertUnlessOpen(job: { id: string; itemId: string; kind: JobKind; at: string }): VaultJob {
    return this.db.transaction(() => {
      const open = this.open(job.itemId, job.kind);
      if (open) return open;
      this.insertRow.run(job);
      return this.get(job.id)!;
    })();
  }

  /** Queued → running, counting the attempt; false when it was no longer queued (cancelled meanwhile). */
  claim(id: string, at: string): boolean {
    return this.claimRow.run({ id, at }).changes === 1;
  }

  transition(
    id: string,
    change: {
      state: JobState;
      error?: string | null;
      at: string;
      resetProgress?: boolean;
      resetAttempts?: boolean;
      attemptsDelta?: number;
    },
  ): void {
    this.setState.run({
      id,
      state: change.state,
      error: change.error ?? null,
      at: change.at,
      resetProgress: change.resetProgress ? 1 : 0,
      resetAttempts: change.resetAttempts ? 1 : 0,
      attemptsDelta: change.attemptsDelta ?? 0,
    });
  }

  progress(id: string, progress: number, etaMs: number | null, at: string): void {
    this.setProgress.run({ id, progress, etaMs, at });
  }

  /** Jobs left running by a studio that stopped go back in the queue; returns their items' ids. */
  requeueAllRunning(at: string): string[] {
    return (this.requeueRunning.all({ at }) as { item_id: string }[]).map((row) => row.item_id);
  }
}
