import pg from 'pg';

/** Where the PostgreSQL benchmarks create their scratch database. */
export const BENCH_ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/**
 * Runs `use` with the URL of a new, empty PostgreSQL database, dropped afterwards. Resolves with null when
 * PostgreSQL cannot be reached (the caller reports the benchmark as skipped, with the reason in `skipped`).
 */
export async function withScratchPostgres<T>(
  use: (databaseUrl: string) => Promise<T>,
): Promise<{ result: T } | { skipped: string }> {
  const admin = new pg.Client({ connectionString: BENCH_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    return { skipped: `skipped: cannot reach ${BENCH_ADMIN_URL} (${(error as Error).message})` };
  }
  const name = `mesi_bench_${Date.now().toString(36)}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(BENCH_ADMIN_URL);
    url.pathname = `/${name}`;
    return { result: await use(url.toString()) };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
