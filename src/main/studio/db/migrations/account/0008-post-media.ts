import type { Migration } from '../../migration';

/**
 * Posts gain media, a schedule and an expiry. SQLite cannot change a CHECK constraint in place, so `posts` is
 * rebuilt with the new statuses (`scheduled`, `expired`) and the three new columns; every row is copied as it
 * was. `post_media` holds a post's items in order (the vault item's id, the server's media id).
 */
export const migration0008: Migration = {
  name: '0008-post-media',
  up(db) {
    db.exec(`
      CREATE TABLE posts_new (
        id TEXT PRIMARY KEY,
        creator_id TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        access_rule TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published', 'expired')),
        version INTEGER NOT NULL,
        confirmed_version INTEGER,
        published_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict', 'rejected')),
        sync_error TEXT,
        server_copy TEXT,
        price_currency TEXT,
        price_minor TEXT,
        publish_at TEXT,
        expires_at TEXT,
        time_zone TEXT
      ) STRICT;
      INSERT INTO posts_new (id, creator_id, title, body, access_rule, status, version, confirmed_version,
        published_at, created_at, updated_at, deleted, sync_state, sync_error, server_copy, price_currency, price_minor)
      SELECT id, creator_id, title, body, access_rule, status, version, confirmed_version,
        published_at, created_at, updated_at, deleted, sync_state, sync_error, server_copy, price_currency, price_minor
      FROM posts;
      DROP TABLE posts;
      ALTER TABLE posts_new RENAME TO posts;
      CREATE INDEX posts_list ON posts (deleted, created_at DESC);

      CREATE TABLE post_media (
        post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        media_id TEXT NOT NULL,
        caption TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (post_id, position),
        UNIQUE (post_id, media_id)
      ) STRICT;
      CREATE INDEX post_media_media ON post_media (media_id);
    `);
  },
};
