import type Database from 'better-sqlite3';

const CURSOR_KEY = 'change_feed_cursor';

/** The seq of the last change-feed entry applied to this account's database (0 before the first pull). */
export function readCursor(db: Database.Database): number {
  const value = db.prepare('SELECT value FROM sync_meta WHERE key = ?').pluck().get(CURSOR_KEY);
  return value === undefined ? 0 : Number(value);
}

/** Saves the cursor; call in the transaction that applied the changes up to it. */
export function writeCursor(db: Database.Database, cursor: number): void {
  db.prepare(
    'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(CURSOR_KEY, String(cursor));
}
