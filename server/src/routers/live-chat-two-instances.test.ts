import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import type { LiveEvent } from '@shared/domain/live/live-events';
import { startServer, type RunningServer } from '../app';
import type { ServerConfig } from '../config';
import { TEST_REDIS_URL, redisSkipReason } from '../adapters/redis-pubsub.test-support';
import { person, streamDraft } from '../services/live/streams/test/live-fixtures';
import { PASSWORD, startTestServer, type TestServer } from '../test/test-server';
import type { AppRouter } from './index';

const skipReason = await redisSkipReason();
if (skipReason) console.warn(`Live chat across two servers skipped: ${skipReason}`);

/** Two instances behind one load balancer: one database, one Redis. Fans on either share one chat. */
describe.skipIf(skipReason !== null)('live chat across two server instances through Redis', () => {
  let serverA: TestServer;
  let serverB: RunningServer;
  let dataDirB: string;
  const sockets: ReturnType<typeof createWSClient>[] = [];

  beforeAll(async () => {
    serverA = await startTestServer({ config: { redisUrl: TEST_REDIS_URL } });
    dataDirB = mkdtempSync(path.join(tmpdir(), 'mesi-test-chat-b-'));
    const config: ServerConfig = {
      host: '127.0.0.1',
      port: 0,
      dataDir: dataDirB,
      databaseUrl: null,
      publicUrl: null,
      nodeEnv: 'test',
      smtpUrl: null,
      mailFrom: 'Mesi <no-reply@localhost>',
      platformFeeBasisPoints: 1000,
      stripe: null,
      redisUrl: TEST_REDIS_URL,
    };
    serverB = await startServer(config, {
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

  /** A signed-in client of server B, over HTTP and WebSocket. */
  function clientOnB(token: string) {
    const ws = createWSClient({
      url: `${serverB.url.replace(/^http/, 'ws')}/trpc`,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      connectionParams: { token },
    });
    sockets.push(ws);
    return createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: wsLink({ client: ws }),
          false: httpBatchLink({ url: `${serverB.url}/trpc`, headers: { Authorization: `Bearer ${token}` } }),
        }),
      ],
    });
  }

  function follow(client: ReturnType<typeof clientOnB>, streamId: string) {
    const events: LiveEvent[] = [];
    let check = () => undefined as void;
    const subscription = client.liveChat.events.subscribe(
      { streamId },
      {
        onData: (batch) => {
          events.push(...batch);
          check();
        },
      },
    );
    return {
      events,
      until: (done: (events: LiveEvent[]) => boolean, what: string) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${what}: saw ${JSON.stringify(events)}`)), 15_000);
          check = () => {
            if (done(events)) {
              clearTimeout(timer);
              resolve();
            }
          };
          check();
        }),
      stop: () => subscription.unsubscribe(),
    };
  }

  it('delivers a message sent through B to a fan on A, and counts the viewers of both', async () => {
    const creator = await person(serverA, 'creator');
    const { id: streamId } = await creator.client.live.create.mutate({ draft: streamDraft() });
    const [fanA, fanB] = await Promise.all([person(serverA, 'fan'), person(serverA, 'fan')]);
    const token = (
      await serverA.client().accounts.signIn.mutate({ email: fanB.account.email, password: PASSWORD })
    ).token;
    const onB = clientOnB(token);
    const watchingOnA = follow(fanA.client, streamId);
    const watchingOnB = follow(onB, streamId);
    await watchingOnA.until((e) => e.length > 0, 'A’s first event');
    await watchingOnB.until((e) => e.length > 0, 'B’s first event');

    const sent = await onB.liveChat.send.mutate({ streamId, text: 'hello from B' });
    await watchingOnA.until((e) => e.some((x) => x.type === 'message'), 'the message on A');
    expect(watchingOnA.events.filter((e) => e.type === 'message')).toEqual([
      { type: 'message', message: sent },
    ]);

    // Each instance reports its one viewer every few seconds; both then count two.
    const counted = (events: LiveEvent[]) => events.some((e) => e.type === 'viewers' && e.count === 2);
    await watchingOnA.until(counted, 'a count of 2 on A');
    await watchingOnB.until(counted, 'a count of 2 on B');
    watchingOnA.stop();
    watchingOnB.stop();
  });
});
