import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from './migration';
import { migrate } from './migrator';
import { accountMigrations } from './migrations/account';

export type StudioDatabase = Database.Database;

/**
 * Opens (creating if needed) a SQLite file with the studio's settings and brings its schema up to date.
 * Defaults to the per-account schema; pass `migrations` for another kind of file. Throws `MigrationError`
 * (file unchanged) when a migration fails.
 */
export function openDatabase(
  file: string,
  migrations: readonly Migration[] = accountMigrations,
): StudioDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Checkpoint the WAL every ~40 MB rather than SQLite's default 4 MB: a catch-up commits a page of up to
    // 5,000 changes at a time, and checkpointing after nearly every page rewrote the same table and index
    // pages over and over (apply-only rose from about 30,000 to 45,000 changes/s here). The file is cut back
    // after each checkpoint so an idle studio does not keep a large WAL on disk.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 16777216');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
