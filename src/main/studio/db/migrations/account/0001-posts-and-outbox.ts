import type { Migration } from '../../migration';

/**
 * Posts as the studio holds them, the outbox of mutations waiting for the server, and the sync cursor.
 * `version` is the server version the post will have once its pending mutations apply; `confirmed_version`
 * is the last one the server confirmed (NULL: the server does not have the post yet); `server_copy` is the
 * server's snapshot when it differs from the local row (a conflict, or a pull while local edits wait).
 */
export const migration0001: Migration = {
  name: '0001-posts-and-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE posts (
        id TEXT PRIMARY KEY,
        creator_id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        access_rule TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
        version INTEGER NOT NULL,
        confirmed_version INTEGER,
        published_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict', 'rejected')),
        sync_error TEXT,
        server_copy TEXT
      ) STRICT;
      CREATE INDEX posts_list ON posts (deleted, created_at DESC);

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        post_id TEXT NOT NULL,
        mutation TEXT NOT NULL,
        enqueued_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_post ON outbox (post_id);

      CREATE TABLE sync_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
