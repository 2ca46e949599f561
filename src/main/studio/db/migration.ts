import type Database from 'better-sqlite3';

/** One numbered schema change. Released migrations are never edited: add a new one instead. */
export interface Migration {
  /** `0001-posts-and-outbox`: the number orders them, the rest says what it does. */
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

/** A migration failed; the database is exactly as it was before it started. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'MigrationError';
  }
}
