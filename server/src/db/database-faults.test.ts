import net from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../app';
import { codeOf, PASSWORD, signUp, startTestServer, type TestServer } from '../test/test-server';
import { DATABASE_TIMEOUTS } from './database';

const adminUrl = process.env.TEST_DATABASE_URL;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Runs `work` on a connection of its own, as an operator would: to the admin database, or (`inside`) to the
 * test server's own database.
 */
async function asOperator<T>(
  work: (admin: pg.Client, database: string) => Promise<T>,
  where: 'admin' | 'inside' = 'admin',
): Promise<T> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(server.db);
  const url = new URL(adminUrl!);
  if (where === 'inside') url.pathname = `/${rows[0]!.name}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    return await work(admin, rows[0]!.name);
  } finally {
    await admin.end();
  }
}

const terminateServerConnections = (admin: pg.Client, database: string) =>
  admin.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );

describe('database faults', () => {
  it('is ready while its database answers', async () => {
    expect(await readiness()).toEqual({
      status: 200,
      body: { status: 'ready', database: server.databaseKind },
    });
  });

  it.runIf(adminUrl)(
    'survives PostgreSQL ending its connections: a call on a cut connection is a 503, the next ones are served',
    async () => {
      const creator = await signUp(server, 'creator');
      const ended = await asOperator(terminateServerConnections);
      expect(ended.rowCount).toBeGreaterThan(0);
      // Let the pool see its idle connections die (the 'error' event that used to end the process).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // A connection cut while the server's background loops (the scheduler's, the media lane's) held it, or
      // whose end the pool has not read yet on a loaded machine, may answer the first call: that call is a 503
      // (try again), never a 500, and the next ones are served.
      const answers: string[] = [];
      for (let tries = 0; tries < 3 && answers.at(-1) !== 'served'; tries++) {
        const me = await creator.client.accounts.me.query().catch(codeOf);
        answers.push(
          typeof me === 'string' ? me : me?.id === creator.account.id ? 'served' : 'wrong account',
        );
      }
      expect(answers.at(-1)).toBe('served');
      expect(answers.slice(0, -1).every((answer) => answer === 'SERVICE_UNAVAILABLE')).toBe(true);
    },
  );

  it.runIf(adminUrl)(
    'says it is not ready, and answers SERVICE_UNAVAILABLE, while the database refuses it',
    async () => {
      const fan = await signUp(server, 'fan');
      await asOperator(async (admin, database) => {
        await admin.query(`alter database ${database} allow_connections false`);
        try {
          await terminateServerConnections(admin, database);
          // A connection the pool handed out as it was being cut answers "terminating connection" first (the
          // server's background work keeps connections busy); every answer is a 503 until the database is back.
          let down = await readiness();
          for (let tries = 0; tries < 20 && !/not/.test(String(down.body.reason)); tries++) {
            expect(down.status).toBe(503);
            down = await readiness();
          }
          expect(down.status).toBe(503);
          expect(down.body).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('not') });
          expect(await fan.client.accounts.me.query().catch(codeOf)).toBe('SERVICE_UNAVAILABLE');
        } finally {
          await admin.query(`alter database ${database} allow_connections true`);
        }
      });
      expect((await readiness()).status).toBe(200);
      expect((await fan.client.accounts.me.query())?.id).toBe(fan.account.id);
    },
  );

  it.runIf(adminUrl)('gives every connection statement, lock and idle-transaction timeouts', async () => {
    const { rows } = await sql<{ statement: string; lock: string; idle: string }>`
      select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
             current_setting('idle_in_transaction_session_timeout') as idle`.execute(server.db);
    expect(rows[0]).toEqual({
      statement: `${DATABASE_TIMEOUTS.statementMs / 1000}s`,
      lock: `${DATABASE_TIMEOUTS.lockMs / 1000}s`,
      idle: `${DATABASE_TIMEOUTS.idleInTransactionMs / 1000}s`,
    });
  });

  it.runIf(adminUrl)(
    'answers SERVICE_UNAVAILABLE when a lock outlasts the lock timeout, not a hang',
    async () => {
      const fan = await signUp(server, 'fan');
      const anonymous = server.client();
      await asOperator(async (admin) => {
        await admin.query('begin');
        await admin.query('lock table accounts in access exclusive mode');
        try {
          const signIn = anonymous.accounts.signIn
            .mutate({ email: `${fan.account.displayName}@example.test`, password: PASSWORD })
            .catch(codeOf);
          expect(await signIn).toBe('SERVICE_UNAVAILABLE');
        } finally {
          await admin.query('rollback');
        }
      }, 'inside');
      expect((await readiness()).status).toBe(200);
    },
    20_000,
  );

  it('refuses to start, naming the database, when it accepts connections but never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const starting = startServer({
        host: '127.0.0.1',
        port: 0,
        dataDir: '/nonexistent',
        databaseUrl: `postgres://mesi:secret@127.0.0.1:${port}/mesi`,
        publicUrl: null,
        smtpUrl: null,
        mailFrom: 'Mesi <no-reply@localhost>',
        platformFeeBasisPoints: 1000,
        stripe: null,
        nodeEnv: 'test',
      });
      const error = (await starting.then(
        () => null,
        (err: unknown) => err,
      )) as Error | null;
      expect(error?.message).toContain(`PostgreSQL at 127.0.0.1:${port}/mesi did not answer`);
      expect(error?.message).not.toContain('secret');
    } finally {
      silent.close();
    }
  }, 20_000);
});
