import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { openTestDatabase } from '../test/test-server';
import { describeErrorForLog, describeRequestForLog } from './error-log';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

/** The error the database driver throws for a failed statement carrying `secret` as a bound parameter. */
async function failedStatement(statement: (secret: string) => ReturnType<typeof sql>, secret: string) {
  return statement(secret)
    .execute(database.db)
    .then(
      () => {
        throw new Error('the statement was expected to fail');
      },
      (error: unknown) => error,
    );
}

describe('describeErrorForLog', () => {
  it('names the failure without the bound parameters the driver attached', async () => {
    const secret = 'argon2id$v=19$m=65536$very-secret-hash';
    const error = await failedStatement((value) => sql`select ${value}::uuid`, secret);
    // The driver does carry the value (PGlite in `params`, PostgreSQL in the message of a cast error)…
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error)) + String(error)).toContain('argon2id');

    const logged = describeErrorForLog(error);
    expect(logged).toMatch(/invalid input syntax for type uuid/);
    expect(logged).toContain('(code 22P02)');
    expect(logged).not.toContain('very-secret-hash');
  });

  it('leaves out the offending key a unique violation reports in its detail', async () => {
    await sql`create temporary table people (email text unique)`.execute(database.db);
    await sql`insert into people values ('someone@example.test')`.execute(database.db);
    const error = await failedStatement(
      (value) => sql`insert into people values (${value})`,
      'someone@example.test',
    );
    expect((error as { detail?: string }).detail).toContain('someone@example.test');
    const logged = describeErrorForLog(new Error('sign-up failed', { cause: error }));
    expect(logged).toContain('caused by: ');
    expect(logged).toContain('duplicate key value violates unique constraint');
    expect(logged).not.toContain('someone@example.test');
  });
});

describe('describeRequestForLog', () => {
  it('names the method and path, never the query (a signed URL, a tRPC input)', () => {
    expect(describeRequestForLog('GET', '/media/abc/full.mp4?exp=1700000000&sig=SECRET')).toBe(
      'GET /media/abc/full.mp4',
    );
    expect(describeRequestForLog('GET', '/trpc/posts.get?input=%7B%7D')).toBe('GET /trpc/posts.get');
    expect(describeRequestForLog('HEAD', '/healthz')).toBe('HEAD /healthz');
  });
});
