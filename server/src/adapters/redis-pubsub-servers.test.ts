import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../app';
import type { ServerConfig } from '../config';
import type { AppRouter } from '../routers/index';
import { draft } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type TestServer } from '../test/test-server';
import { TEST_REDIS_URL, freePort, redisSkipReason } from './redis-pubsub.test-support';

const skipReason = await redisSkipReason();
if (skipReason) console.warn(`Two servers over Redis skipped: ${skipReason}`);

/**
 * Two server instances behind one load balancer: one database, one Redis, nothing else shared. A studio
 * connected to B must hear of what a client did through A.
 */
describe.skipIf(skipReason !== null)('two server instances sharing live events through Redis', () => {
  let serverA: TestServer;
  let serverB: RunningServer;
  let dataDirB: string;
  const sockets: ReturnType<typeof createWSClient>[] = [];

  beforeAll(async () => {
    serverA = await startTestServer({ config: { redisUrl: TEST_REDIS_URL } });
    dataDirB = mkdtempSync(path.join(tmpdir(), 'mesi-test-server-b-'));
    serverB = await startServer(configWith({ redisUrl: TEST_REDIS_URL, dataDir: dataDirB }), {
      // A's database, which A closes: B's own close leaves it open.
      database: { db: serverA.db, kind: serverA.databaseKind, close: async () => undefined },
    });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((ws) => ws.close()));
    await serverB?.close();
    await serverA?.close();
    if (dataDirB) rmSync(dataDirB, { recursive: true, force: true });
  });

  /** A studio's subscription client on server B (WebSocket only: subscriptions are all it is used for). */
  function studioOnB(token: string) {
    const ws = createWSClient({
      url: `${serverB.url.replace(/^http/, 'ws')}/trpc`,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      connectionParams: { token },
    });
    sockets.push(ws);
    return createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  }

  /** Each seq a `sync.onChange` subscription yields, and the error that ended it. */
  function watchChanges(client: ReturnType<typeof studioOnB>) {
    const seen: number[] = [];
    let ended: unknown = null;
    let wake = () => undefined as void;
    const subscription = client.sync.onChange.subscribe(undefined, {
      onData: ({ seq }) => {
        seen.push(seq);
        wake();
      },
      onError: (error) => {
        ended = error;
        wake();
      },
    });
    const until = (done: () => boolean, what: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${what} never came; saw seqs ${seen.join(',')}`)),
          10_000,
        );
        wake = () => {
          if (!done()) return;
          clearTimeout(timer);
          resolve();
        };
        wake();
      });
    return {
      seen,
      stop: () => subscription.unsubscribe(),
      seq: (seq: number) => until(() => seen.includes(seq), `seq ${seq}`),
      end: async () => {
        await until(() => ended !== null, 'the end of the subscription');
        return ended;
      },
    };
  }

  it("tells a studio connected to B of each post created through A (the change feed's notices)", async () => {
    const creator = await signUp(serverA, 'creator');
    const changes = watchChanges(studioOnB(creator.token));
    await changes.seq(0);
    await creator.client.posts.create.mutate({ draft: draft('Written through A') });
    await changes.seq(1);
    await creator.client.posts.create.mutate({ draft: draft('Also through A') });
    await changes.seq(2);
    changes.stop();
    expect(changes.seen).toEqual([0, 1, 2]);
  });

  it('ends a subscription held on B as soon as its session signs out through A', async () => {
    const creator = await signUp(serverA, 'creator');
    const changes = watchChanges(studioOnB(creator.token));
    await changes.seq(0);
    await creator.client.accounts.signOut.mutate();
    expect(codeOf(await changes.end())).toBe('UNAUTHORIZED');
  });

  it('refuses to start when REDIS_URL is set but nothing answers there, naming REDIS_URL', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mesi-test-server-c-'));
    try {
      const started = startServer(configWith({ redisUrl: `redis://127.0.0.1:${port}`, dataDir }), {
        database: { db: serverA.db, kind: serverA.databaseKind, close: async () => undefined },
      });
      await expect(started).rejects.toThrow(
        new RegExp(
          `^REDIS_URL: Redis at redis://127\\.0\\.0\\.1:${port} could not be reached: .*ECONNREFUSED`,
        ),
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function configWith(overrides: Partial<ServerConfig>): ServerConfig {
  return {
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
    ...overrides,
  };
}
