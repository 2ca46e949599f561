import type { Migration } from '../../migration';

/**
 * Live streams the creator plans in the studio, offline or online (title, who may watch as an access rule in
 * JSON, a ticket price in USD cents as text, the planned time), with the studio-made id, and the creator's chat
 * settings (one row: slow mode, blocked words as JSON text), both synced as posts and tiers are: `version` is
 * what the server will have once the waiting mutations apply, `confirmed_version` the last one it confirmed
 * (NULL: the server does not have the stream yet; 0: chat settings never set), `server_copy` its snapshot when
 * it differs from the row. A creator has one set of chat settings for all their streams, as on the server.
 */
export const migration0009: Migration = {
  name: '0009-live-streams',
  up(db) {
    db.exec(`
      CREATE TABLE live_streams (
        id TEXT PRIMARY KEY,
        creator_id TEXT NOT NULL,
        title TEXT NOT NULL,
        access_rule TEXT NOT NULL,
        ticket_price_cents TEXT,
        scheduled_for TEXT,
        status TEXT NOT NULL CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
        version INTEGER NOT NULL,
        confirmed_version INTEGER,
        updated_at TEXT NOT NULL,
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict', 'rejected')),
        sync_error TEXT,
        server_copy TEXT
      ) STRICT;
      CREATE INDEX live_streams_planned ON live_streams (status, scheduled_for);

      CREATE TABLE live_chat_settings (
        creator_id TEXT PRIMARY KEY,
        slow_mode_seconds INTEGER NOT NULL,
        blocked_words TEXT NOT NULL,
        version INTEGER NOT NULL,
        confirmed_version INTEGER NOT NULL,
        updated_at TEXT,
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict', 'rejected')),
        sync_error TEXT,
        server_copy TEXT
      ) STRICT;
    `);
  },
};
