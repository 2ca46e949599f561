import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/test-server';
import type { DatabaseHandle } from './database';
import { migrateToLatest } from './migrate';
import { MIGRATIONS } from './migrations/index';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.db);
});
afterAll(() => database.close());

async function tableExists<DB>(db: Kysely<DB>, name: string): Promise<boolean> {
  const { rows } = await sql<{ found: string | null }>`select to_regclass(${name})::text as found`.execute(
    db,
  );
  return rows[0]?.found != null;
}

describe('migrations', () => {
  it('are up to date and running them again changes nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
    expect(await tableExists(database.db, 'public.applied_mutations')).toBe(true);
  });

  it('leave the database as it was when one fails, and name the failing migration', async () => {
    const broken = {
      ...MIGRATIONS,
      '9001-add-stickers': {
        async up(db: Kysely<unknown>) {
          await db.schema
            .createTable('stickers')
            .addColumn('id', 'uuid', (c) => c.primaryKey())
            .execute();
          await sql`alter table accounts add column sticker_total bigint`.execute(db);
          await sql`select * from no_such_table`.execute(db);
        },
      },
      '9002-later': {
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('later').addColumn('id', 'uuid').execute();
        },
      },
    };
    await expect(migrateToLatest(database.db, broken)).rejects.toThrow(
      /^Migration 9001-add-stickers failed: .*no_such_table/,
    );
    expect(await tableExists(database.db, 'public.stickers')).toBe(false);
    expect(await tableExists(database.db, 'public.later')).toBe(false);
    const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns
      where table_name = 'accounts' and column_name = 'sticker_total'`.execute(database.db);
    expect(rows).toEqual([]);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      database.db,
    );
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    // The server still works on it.
    expect(await migrateToLatest(database.db)).toEqual([]);
  });
});
