import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  TRPCClientError,
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';
import pg from 'pg';
import { inject } from 'vitest';
import { MAX_CALLS_PER_BATCH } from '@shared/domain/api';
import WebSocket from 'ws';
import { startServer, type RunningServer, type StartOptions } from '../app';
import type { ServerConfig } from '../config';
import { openDatabase, type DatabaseHandle } from '../db/database';
import type { AppRouter } from '../routers/index';

export type ServerClient = TRPCClient<AppRouter>;

/** The tRPC error code a failed call was answered with (`BAD_REQUEST`, `FORBIDDEN`, …), for `.catch(codeOf)`. */
export const codeOf = (err: unknown): string | undefined =>
  err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;

export interface TestServer extends RunningServer {
  /** A tRPC client over HTTP (batch) and WebSocket (subscriptions), signed in with `token` if given. */
  client(token?: string): ServerClient;
  /** The time it took to get a database for this file (template load or CREATE DATABASE) and start. */
  readonly startMs: number;
  /** The folder the server writes its mail to (a fresh one per server; see `readOutbox`). */
  readonly mailOutbox: string;
}

const baseConfig: ServerConfig = {
  host: '127.0.0.1',
  port: 0,
  dataDir: '/nonexistent',
  databaseUrl: null,
  publicUrl: null,
  nodeEnv: 'test',
  smtpUrl: null,
  mailFrom: 'Mesi <no-reply@localhost>',
  platformFeeBasisPoints: 1000,
  stripe: null,
};

/**
 * Drops a test database once its last connection has gone. The pool's `end()` resolves while its clients
 * are still disconnecting; dropping WITH (FORCE) then would kill them mid-goodbye, and their FATAL error
 * surfaces in the test run as an unhandled error. So wait for them, and force only as a last resort.
 */
async function dropWhenUnused(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006') throw error; // 55006: still in use
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** A fresh, empty database for one test file: a PGlite from the template, or a new PostgreSQL database. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `mesi_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString() });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await dropWhenUnused(adminUrl, name);
      },
    };
  }
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('No PGlite template: run the server tests through vitest (globalSetup)');
  const tarball = new Blob([await readFile(template)]);
  return openDatabase({ databaseUrl: null, pgliteLoadDataDir: tarball });
}

/** Starts a real server on a free port over a fresh database. */
export async function startTestServer(
  opts: Omit<StartOptions, 'database'> & { config?: Partial<ServerConfig> } = {},
): Promise<TestServer> {
  const started = Date.now();
  const database = await openTestDatabase();
  // A data folder of its own, for the mail outbox; removed on close.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mesi-test-server-'));
  const config: ServerConfig = { ...baseConfig, dataDir, ...opts.config };
  const server = await startServer(config, { ...opts, database });
  const startMs = Date.now() - started;
  const sockets: ReturnType<typeof createWSClient>[] = [];
  return {
    ...server,
    startMs,
    mailOutbox: path.join(config.dataDir, 'mail-outbox'),
    client(token?: string) {
      const ws = createWSClient({
        url: `${server.url.replace(/^http/, 'ws')}/trpc`,
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
        connectionParams: token ? { token } : null,
        lazy: { enabled: true, closeMs: 0 },
      });
      sockets.push(ws);
      return createTRPCClient<AppRouter>({
        links: [
          splitLink({
            condition: (op) => op.type === 'subscription',
            true: wsLink({ client: ws }),
            false: httpBatchLink({
              url: `${server.url}/trpc`,
              maxItems: MAX_CALLS_PER_BATCH,
              headers: token ? { Authorization: `Bearer ${token}` } : {},
            }),
          }),
        ],
      });
    },
    async close() {
      await Promise.all(sockets.map((ws) => ws.close()));
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A unique, valid handle/email stem per call. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}${counter}`;
}

export const PASSWORD = 'correct horse battery staple';

/** Signs up an account and returns its token, view and a signed-in client. */
export async function signUp(
  server: TestServer,
  role: 'fan' | 'creator' | 'manager',
  name = uniqueName(role),
) {
  const anonymous = server.client();
  const result = await anonymous.accounts.signUp.mutate({
    email: `${name}@example.test`,
    password: PASSWORD,
    role,
    ...(role === 'creator' ? { handle: name } : {}),
    displayName: name,
  });
  return { ...result, client: server.client(result.token) };
}

/** A Set-Cookie header as its value and its attributes (order-free, `SameSite=Lax` kept as written). */
export function cookieParts(header: string | null): { name: string; value: string; attributes: Set<string> } {
  const [pair = '', ...attributes] = (header ?? '').split(';').map((part) => part.trim());
  const [name = '', value = ''] = pair.split('=');
  return { name, value, attributes: new Set(attributes) };
}
