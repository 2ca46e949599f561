import type { ColumnType } from 'kysely';
import type { Json, Minor, NullableTimestamp, Timestamp, Version } from './columns';

/** Tips (`services/tips`). */
export interface TipsTable {
  payment_id: string;
  fan_id: string;
  creator_id: string;
  post_id: string | null;
  /** The live stream whose chat the tip was sent from (migration 0010). */
  stream_id: ColumnType<string | null, string | null | undefined, string | null>;
  currency: string;
  amount: Minor;
  message: string;
  created_at: Timestamp;
}

export interface TipSettingsTable {
  creator_id: string;
  currency: ColumnType<string, string | undefined, string>;
  minimum: Minor;
  presets: Json<string[]>;
  goal_title: string | null;
  goal_amount: string | null;
  goal_started_at: NullableTimestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Version;
}
