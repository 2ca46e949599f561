import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, NullableTimestamp, Timestamp } from './columns';

export type ScheduledJobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** Durable scheduled work (`services/scheduler`). */
export interface ScheduledJobsTable {
  id: string;
  kind: string;
  /** Unique: scheduling the same job twice keeps the first. */
  key: string;
  payload: Json<unknown>;
  run_at: Timestamp;
  status: ColumnType<ScheduledJobStatus, ScheduledJobStatus | undefined, ScheduledJobStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  /** The lease of the worker running it; past it, another worker may take the job again. */
  locked_until: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  finished_at: NullableTimestamp;
}
