import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Live streams: each stream (scheduled, live, ended or cancelled) with its access rule and ticket price, its one
 * RTMP ingest key (only the key's SHA-256 is kept: the relay checks a publisher against an in-memory view of
 * these hashes), its chat (messages and tips, soft-deleted by moderators), and each creator's chat settings,
 * moderators and bans (a timeout is a ban with an end). Tickets are purchases of the stream's id (`purchases`,
 * `purchased(<stream id>)` in its rule); a tip sent from a stream's chat names the stream (`tips.stream_id`).
 * As with payments, chat rows carry no foreign key to `accounts`: a busy chat would lock the creator's row.
 */
export const migration0010Live: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`CREATE TABLE live_streams (
      id uuid PRIMARY KEY,
      creator_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      title text NOT NULL,
      access_rule jsonb NOT NULL,
      ticket_currency text,
      ticket_price numeric(78,0) CHECK (ticket_price > 0),
      status text NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
      scheduled_for timestamptz,
      started_at timestamptz,
      ended_at timestamptz,
      publishing boolean NOT NULL DEFAULT false,
      peak_viewers integer NOT NULL DEFAULT 0 CHECK (peak_viewers >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((ticket_price IS NULL) = (ticket_currency IS NULL)),
      CHECK (status <> 'live' OR started_at IS NOT NULL),
      CHECK (status NOT IN ('ended', 'cancelled') OR ended_at IS NOT NULL)
    )`.execute(db);
    await sql`CREATE INDEX live_streams_creator_idx ON live_streams (creator_id, status, scheduled_for)`.execute(
      db,
    );

    await sql`CREATE TABLE live_stream_keys (
      stream_id uuid PRIMARY KEY REFERENCES live_streams (id) ON DELETE CASCADE,
      key_sha256 text NOT NULL UNIQUE CHECK (key_sha256 ~ '^[0-9a-f]{64}$'),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

    await sql`CREATE TABLE live_chat_messages (
      id uuid PRIMARY KEY,
      stream_id uuid NOT NULL REFERENCES live_streams (id) ON DELETE CASCADE,
      author_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('message', 'tip')),
      text text NOT NULL,
      tip_payment_id uuid UNIQUE,
      tip_currency text,
      tip_amount numeric(78,0) CHECK (tip_amount > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      deleted_by uuid,
      CHECK ((kind = 'tip') = (tip_payment_id IS NOT NULL)),
      CHECK ((tip_amount IS NULL) = (tip_currency IS NULL))
    )`.execute(db);
    await sql`CREATE INDEX live_chat_messages_stream_idx ON live_chat_messages (stream_id, created_at)`.execute(
      db,
    );

    await sql`CREATE TABLE live_chat_settings (
      creator_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      slow_mode_seconds integer NOT NULL DEFAULT 0 CHECK (slow_mode_seconds BETWEEN 0 AND 3600),
      blocked_words jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`.execute(db);

    await sql`CREATE TABLE live_chat_moderators (
      creator_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (creator_id, account_id)
    )`.execute(db);

    await sql`CREATE TABLE live_chat_bans (
      creator_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      fan_id uuid NOT NULL,
      until timestamptz,
      reason text NOT NULL DEFAULT '',
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (creator_id, fan_id)
    )`.execute(db);

    await sql`ALTER TABLE tips ADD COLUMN stream_id uuid`.execute(db);
  },
};
