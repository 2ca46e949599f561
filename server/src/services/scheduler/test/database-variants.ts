import { readFile } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../db/database';
import { migrateToLatest } from '../../../db/migrate';
import type { Database } from '../../../db/schema';
import { openTestDatabase } from '../../../test/test-server';

/** A fresh, migrated database for one test file, and more connection pools to it (other "instances"). */
export interface TestDatabase {
  readonly db: Kysely<Database>;
  /** Another pool to the same database, as another server instance would have; PGlite has one connection only. */
  anotherPool(): Promise<Kysely<Database>>;
  close(): Promise<void>;
}

export interface DatabaseVariant {
  readonly name: string;
  /** Why this variant does not run here, or null when it does. */
  readonly skipReason: string | null;
  /** PGlite: one connection, so no transaction can hold a lock while another connection asks. */
  readonly oneConnection: boolean;
  open(): Promise<TestDatabase>;
}

/**
 * The scheduler's promises rest on the database (row locks, `SKIP LOCKED`), so its suite runs on both
 * databases the server supports: PGlite always, PostgreSQL when TEST_DATABASE_URL names a server.
 */
export const DATABASE_VARIANTS: readonly DatabaseVariant[] = [
  { name: 'PGlite', skipReason: null, oneConnection: true, open: openPglite },
  {
    name: 'PostgreSQL',
    skipReason: process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set',
    oneConnection: false,
    open: openPostgres,
  },
];

async function openPglite(): Promise<TestDatabase> {
  // The suite's template exists only when the whole run is on PGlite; otherwise start one from scratch.
  const template = inject('pgliteTemplate');
  const handle = template
    ? await openDatabase({ databaseUrl: null, pgliteLoadDataDir: new Blob([await readFile(template)]) })
    : await openDatabase({ databaseUrl: null });
  await migrateToLatest(handle.db);
  return { db: handle.db, anotherPool: async () => handle.db, close: () => handle.close() };
}

async function openPostgres(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const handle: DatabaseHandle = await openTestDatabase(); // a new database, dropped on close
  await migrateToLatest(handle.db);
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(handle.db);
  const url = new URL(adminUrl);
  url.pathname = `/${rows[0]!.name}`;
  const others: DatabaseHandle[] = [];
  return {
    db: handle.db,
    async anotherPool() {
      const other = await openDatabase({ databaseUrl: url.toString() });
      others.push(other);
      await sql`SELECT 1`.execute(other.db); // connected before the test's clock starts to matter
      return other.db;
    },
    async close() {
      await Promise.all(others.map((other) => other.close()));
      await handle.close();
    },
  };
}
