import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisPubSub } from './redis-pubsub';
import { answersPing, freePort, recorder, testPrefix } from './redis-pubsub.test-support';

/**
 * A Redis of this file's own on a free port (never the shared one), stopped and started again mid-test, as an
 * operator restarting Redis under two running server instances would.
 */
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer)
  console.warn('Redis restart test skipped: redis-server is not installed (apt: redis-server)');

describe.skipIf(!hasRedisServer)('RedisPubSub across a Redis restart', () => {
  let port: number;
  let redis: ChildProcess | null = null;
  const url = () => `redis://127.0.0.1:${port}`;

  async function startRedis(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    redis = child;
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await answersPing(url())) return;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server on port ${port} did not start (exit code ${child.exitCode})`);
  }

  async function stopRedis(): Promise<void> {
    const child = redis;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    const shutdown = spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave']);
    if (shutdown.error) child.kill('SIGTERM');
    await exited;
    redis = null;
  }

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
  });
  afterAll(async () => {
    await stopRedis();
  });

  it('publishes and delivers again after Redis restarts, with the subscriptions back, even one made while it was down', async () => {
    // An outage is logged (once per connection); keep the test output readable.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const prefix = testPrefix();
    const a = await RedisPubSub.connect({ url: url(), channelPrefix: prefix });
    const b = await RedisPubSub.connect({ url: url(), channelPrefix: prefix });
    try {
      const onA = recorder<{ n: number }>('a');
      const onB = recorder<{ n: number }>('b');
      a.subscribe('live', onA.listener);
      b.subscribe('live', onB.listener);
      await Promise.all([a.ready('live'), b.ready('live')]);
      a.publish('live', { n: 0 });
      await onB.waitFor((got) => got.length === 1, 'the message before the restart');

      await stopRedis();
      // Neither publishing nor subscribing throws while Redis is down.
      expect(() => a.publish('live', { n: -1 })).not.toThrow();
      const lateJoiner = recorder<{ n: number }>('late joiner');
      expect(() => b.subscribe('joined-while-down', lateJoiner.listener)).not.toThrow();
      await startRedis();

      // Redis does not keep what was published while it was down (nor may its subscriptions be back yet):
      // publish until a message gets through, which proves publishing resumed and B re-subscribed.
      let n = 1;
      const probe = setInterval(() => a.publish('live', { n: n++ }), 50);
      try {
        await onB.waitFor((got) => got.some((m) => m.n >= 1), 'a message after the restart', 20_000);
        await onA.waitFor((got) => got.some((m) => m.n >= 1), 'its own message after the restart', 20_000);
      } finally {
        clearInterval(probe);
      }
      await b.ready('joined-while-down');
      a.publish('joined-while-down', { n: 1 });
      await lateJoiner.waitFor(
        (got) => got.length === 1,
        'the message on the channel joined during the outage',
      );
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(/^Redis pubsub: (publisher|subscriber) reconnected$/),
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('holds a bounded number of publishes while Redis is down, refusing (and counting) the rest, and closes at once', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    if (!redis) await startRedis();
    const pubsub = await RedisPubSub.connect({ url: url(), channelPrefix: testPrefix() });
    pubsub.subscribe('anything', () => undefined);
    await pubsub.ready('anything');
    await stopRedis();
    // A chat flood during the outage: memory must not follow it.
    for (let n = 0; n < 10_050; n++) pubsub.publish('anything', { n });
    expect(pubsub.stats).toMatchObject({ published: 10_000, publishFailures: 50 });
    // Would hang on the held publishes if close waited for Redis: the test's own timeout is the guard.
    await pubsub.close();
  });
});
