import type { Migration } from '../../migration';

/** The accounts signed in to this studio and which one is active (`studio.sqlite`). */
export const migration0001: Migration = {
  name: '0001-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        server_url TEXT NOT NULL,
        email TEXT NOT NULL,
        handle TEXT,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('fan', 'creator', 'manager')),
        last_active_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE active_account (
        only_one INTEGER PRIMARY KEY CHECK (only_one = 1),
        account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};
