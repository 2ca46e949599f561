import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, NullableTimestamp, Timestamp, Version } from './columns';

/** Live streams (`services/live/streams`, migration 0010). */
export interface LiveStreamsTable {
  id: string;
  creator_id: string;
  title: string;
  access_rule: Json<unknown>;
  ticket_currency: string | null;
  ticket_price: ColumnType<string | null, string | null, string | null>;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  scheduled_for: NullableTimestamp;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  /** A publisher is connected to the relay now (false while the encoder reconnects). */
  publishing: ColumnType<boolean, boolean | undefined, boolean>;
  peak_viewers: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Version;
}

/** Each stream's one RTMP ingest key, as its SHA-256 (`services/live/streams` issues; the relay reads). */
export interface LiveStreamKeysTable {
  stream_id: string;
  key_sha256: string;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** Chat messages and tips of a stream (`services/live/chat`). */
export interface LiveChatMessagesTable {
  id: string;
  stream_id: string;
  author_id: string;
  kind: 'message' | 'tip';
  text: string;
  tip_payment_id: string | null;
  tip_currency: string | null;
  tip_amount: ColumnType<string | null, string | null, string | null>;
  created_at: CreatedAt;
  deleted_at: NullableTimestamp;
  deleted_by: string | null;
}

export interface LiveChatSettingsTable {
  creator_id: string;
  slow_mode_seconds: ColumnType<number, number | undefined, number>;
  blocked_words: Json<string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  version: Version;
}

export interface LiveChatModeratorsTable {
  creator_id: string;
  account_id: string;
  created_at: CreatedAt;
}

/** A ban (`until` null) or a timeout (until a time) from a creator's chats. */
export interface LiveChatBansTable {
  creator_id: string;
  fan_id: string;
  until: NullableTimestamp;
  reason: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: CreatedAt;
}
