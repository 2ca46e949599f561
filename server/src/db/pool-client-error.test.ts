import { sql } from 'kysely';
import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { openDatabase } from './database';

it.skipIf(!process.env.TEST_DATABASE_URL)(
  'a checked-out client cut by PostgreSQL is logged, not fatal',
  async () => {
    const errors: string[] = [];
    const spy = vi
      .spyOn(console, 'error')
      .mockImplementation((...a: unknown[]) => void errors.push(a.map(String).join(' ')));
    const unhandled: unknown[] = [];
    const onUncaught = (e: unknown) => unhandled.push(e);
    process.on('uncaughtException', onUncaught);
    const handle = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL! });
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await admin.connect();
    try {
      const outcome = handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((r) => setTimeout(r, 500));
        await sql`select 1`.execute(trx);
      });
      await expect(outcome).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
      expect(errors.join('\n')).toMatch(/PostgreSQL connection \(in use\) failed/);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(rows[0]!.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
      spy.mockRestore();
      await admin.end();
      await handle.close();
    }
  },
);
