import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { logFailure } from '../logging/error-log';
import { PGliteDialect } from './pglite-dialect';
import { PreparingClient } from './prepared-statements';
import type { Database } from './schema';

export type DatabaseKind = 'pglite' | 'postgres';

/** How long the server waits on PostgreSQL before it gives up and says so. */
export const DATABASE_TIMEOUTS = {
  connectMs: 5_000,
  statementMs: 15_000,
  lockMs: 5_000,
  idleInTransactionMs: 30_000,
} as const;

/** An open server database: Kysely plus what kind it is and how to close it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** The embedded instance, when kind is 'pglite' (to dump its data folder). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

const INT8_OID = 20;

/** int8 as a JS number while it is exactly representable (seq counters), a bigint beyond. */
function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)
    ? value
    : Number(value);
}

export interface OpenDatabaseOptions {
  /** postgres://… to use PostgreSQL; null for PGlite. */
  readonly databaseUrl: string | null;
  /** Where PGlite keeps its files; null keeps it in memory. */
  readonly pgliteDir?: string | null;
  /** A PGlite data folder tarball (from `dumpDataDir`) to start from, e.g. a pre-migrated test template. */
  readonly pgliteLoadDataDir?: Blob;
}

/** Opens PGlite (embedded) or a PostgreSQL pool behind the same Kysely interface. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // Runs the statements marked by `preparedStatement` as named prepared statements.
      Client: PreparingClient,
      // A database that accepts the connection but never answers is reported, not waited on for ever.
      connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs,
      // No statement or lock wait holds a request (and the connection) for longer than a person would wait.
      statement_timeout: DATABASE_TIMEOUTS.statementMs,
      lock_timeout: DATABASE_TIMEOUTS.lockMs,
      idle_in_transaction_session_timeout: DATABASE_TIMEOUTS.idleInTransactionMs,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID && format !== 'binary'
            ? parseInt8
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // PostgreSQL ending an idle connection (a restart, a fail-over, an idle reaper) must not end the server:
    // the pool drops that connection and opens a new one when it is next needed.
    pool.on('error', (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
    // The pool's 'error' covers idle clients only: a checked-out client that PostgreSQL cuts (mid-query or held
    // in a transaction) emits 'error' on itself, and with no listener that ends the process. The query it was
    // running fails on its own; this only keeps the event from being unhandled.
    pool.on('connect', (client) =>
      client.on('error', (error) => logFailure('PostgreSQL connection (in use)', error)),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dir = options.pgliteDir ?? null;
  if (dir) await mkdir(path.dirname(dir), { recursive: true });
  const pglite = await PGlite.create({
    ...(dir ? { dataDir: dir } : {}),
    ...(options.pgliteLoadDataDir ? { loadDataDir: options.pgliteLoadDataDir } : {}),
    parsers: { [INT8_OID]: parseInt8 },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', pglite, close: () => db.destroy() };
}

/** Where a database lives, for messages: PostgreSQL's host, port and name without credentials, or PGlite's folder. */
export function describeDatabaseLocation(options: OpenDatabaseOptions): string {
  if (!options.databaseUrl) return `PGlite in ${options.pgliteDir ?? 'memory'}`;
  try {
    const url = new URL(options.databaseUrl);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** Resolves with the database's kind once it answers a trivial query; throws when it does not within `timeoutMs`. */
export async function databaseAnswers(
  database: DatabaseHandle,
  timeoutMs: number,
): Promise<{ database: DatabaseKind }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the ${database.kind} database did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([sql`select 1`.execute(database.db), timeout]);
    return { database: database.kind };
  } finally {
    clearTimeout(timer);
  }
}
