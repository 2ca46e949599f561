import type { Migration } from '../../migration';

/**
 * The creator's profile as the studio holds it (one row, once edited or pulled). Versions and sync columns
 * as for posts: `version` is what the server will have once the waiting mutations apply, `confirmed_version`
 * the last one it confirmed (0: never edited on the server), `server_copy` its snapshot when it differs.
 */
export const migration0003: Migration = {
  name: '0003-profile',
  up(db) {
    db.exec(`
      CREATE TABLE profile (
        creator_id TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        bio TEXT NOT NULL,
        links TEXT NOT NULL,
        accent_color TEXT NOT NULL,
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
