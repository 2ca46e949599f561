import type Database from 'better-sqlite3';
import { MigrationError, type Migration } from './migration';

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, each in its own transaction
 * with its record, so a failure leaves the file at the last migration that succeeded.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): string[] {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db
      .prepare('SELECT name FROM schema_migrations')
      .pluck()
      .all()
      .map((name) => String(name)),
  );
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    try {
      db.transaction(() => {
        migration.up(db);
        record.run(migration.name, new Date().toISOString());
      })();
    } catch (cause) {
      throw new MigrationError(migration.name, cause);
    }
    ran.push(migration.name);
  }
  return ran;
}

function assertOrdered(migrations: readonly Migration[]): void {
  const names = migrations.map((m) => m.name);
  const sorted = [...names].sort();
  if (names.some((name, i) => name !== sorted[i]) || new Set(names).size !== names.length) {
    throw new Error(`Migrations must be uniquely named and listed in order: ${names.join(', ')}`);
  }
}
