import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from 'redis';
import { RedisPubSub, decodeMessage, encodeMessage } from './redis-pubsub';
import { TEST_REDIS_URL, freePort, recorder, redisSkipReason, testPrefix } from './redis-pubsub.test-support';

const skipReason = await redisSkipReason();
if (skipReason) console.warn(`Redis pubsub tests skipped: ${skipReason}`);

describe('messages as JSON over Redis', () => {
  it('carries bigint money exactly, and leaves look-alike text alone', () => {
    const tip = { amount: 12_345_678_901_234_567_890n, text: '5n', nested: [{ $bigint: 'not digits' }] };
    expect(decodeMessage(encodeMessage(tip))).toEqual(tip);
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => encodeMessage(undefined)).toThrow(/not a JSON message/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => encodeMessage(loop)).toThrow();
  });
});

describe.skipIf(skipReason !== null)('RedisPubSub on a shared Redis', () => {
  const opened: RedisPubSub[] = [];
  /** Two instances on one prefix, as two servers sharing one Redis would be. */
  async function twoInstances(prefix = testPrefix()) {
    const a = await RedisPubSub.connect({ url: TEST_REDIS_URL, channelPrefix: prefix });
    const b = await RedisPubSub.connect({ url: TEST_REDIS_URL, channelPrefix: prefix });
    opened.push(a, b);
    return { a, b, prefix };
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
    vi.restoreAllMocks();
  });

  /** Subscribers on the channel as Redis counts them (connections, not listeners). */
  async function subscribersInRedis(channel: string): Promise<number> {
    const admin = createClient({ url: TEST_REDIS_URL });
    await admin.connect();
    try {
      const counts = await admin.pubSubNumSub(channel);
      return counts[channel] ?? 0;
    } finally {
      admin.destroy();
    }
  }
  async function untilSubscribersInRedis(channel: string, expected: number) {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await subscribersInRedis(channel)) === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await subscribersInRedis(channel)).toBe(expected);
  }

  it('delivers a message published on one instance to subscribers on both, in order', async () => {
    const { a, b } = await twoInstances();
    const onA = recorder('a');
    const onB = recorder('b');
    a.subscribe('chat:1', onA.listener);
    b.subscribe('chat:1', onB.listener);
    await Promise.all([a.ready('chat:1'), b.ready('chat:1')]);
    for (let n = 1; n <= 20; n++) a.publish('chat:1', { n, text: `message ${n}`, amount: BigInt(n) * 100n });
    const all = (received: readonly unknown[]) => received.length === 20;
    await Promise.all([onA.waitFor(all, '20 messages'), onB.waitFor(all, '20 messages')]);
    const expected = Array.from({ length: 20 }, (_, i) => ({
      n: i + 1,
      text: `message ${i + 1}`,
      amount: BigInt(i + 1) * 100n,
    }));
    expect(onA.received).toEqual(expected);
    expect(onB.received).toEqual(expected);
    expect(a.stats).toMatchObject({ published: 20, publishFailures: 0, received: 20 });
    expect(b.stats).toMatchObject({ published: 0, received: 20 });
  });

  it('still sends what was published just before close (a stream ended as the server stops)', async () => {
    const { a, b } = await twoInstances();
    const onB = recorder('b');
    b.subscribe('ends', onB.listener);
    await b.ready('ends');
    for (let n = 1; n <= 100; n++) a.publish('ends', n);
    await a.close();
    await onB.waitFor((got) => got.length === 100, 'all 100 messages');
    expect(a.stats).toMatchObject({ published: 100, publishFailures: 0 });
  });

  it('stops delivering to a listener once it unsubscribes, and stops the Redis subscription with the last one', async () => {
    const { a, b, prefix } = await twoInstances();
    const first = recorder('first');
    const second = recorder('second');
    const marker = recorder('marker');
    const stopFirst = b.subscribe('room', first.listener);
    const stopSecond = b.subscribe('room', second.listener);
    b.subscribe('marker', marker.listener);
    await Promise.all([b.ready('room'), b.ready('marker')]);
    // Two listeners here are one Redis subscription (reference-counted), not two.
    expect(await subscribersInRedis(`${prefix}room`)).toBe(1);

    a.publish('room', 'both');
    await second.waitFor((got) => got.length === 1, 'the first message');
    stopFirst();
    a.publish('room', 'second only');
    await second.waitFor((got) => got.length === 2, 'the second message');
    expect(first.received).toEqual(['both']);
    expect(second.received).toEqual(['both', 'second only']);
    expect(await subscribersInRedis(`${prefix}room`)).toBe(1);

    stopSecond();
    stopSecond(); // twice is harmless
    a.publish('room', 'nobody');
    // Published after 'nobody' by the same connection, so it arrives after it would have.
    a.publish('marker', 'after nobody');
    await marker.waitFor((got) => got.length === 1, 'the marker');
    expect(second.received).toEqual(['both', 'second only']);
    await untilSubscribersInRedis(`${prefix}room`, 0);
  });

  it('subscribes again at once after the last listener left (UNSUBSCRIBE and SUBSCRIBE in flight together)', async () => {
    const { a, b } = await twoInstances();
    const before = recorder('before');
    b.subscribe('again', before.listener)();
    const after = recorder('after');
    b.subscribe('again', after.listener);
    await b.ready('again');
    a.publish('again', { hello: 'again' });
    await after.waitFor((got) => got.length === 1, 'the message');
    expect(before.received).toEqual([]);
  });

  it('leaves no Redis subscription behind when the only listener leaves before Redis confirmed it', async () => {
    const { b, prefix } = await twoInstances();
    b.subscribe('brief', () => undefined)();
    await b.ready('brief');
    await untilSubscribersInRedis(`${prefix}brief`, 0);
  });

  it('keeps channels of another prefix apart on the same Redis', async () => {
    const { a } = await twoInstances();
    const other = await RedisPubSub.connect({ url: TEST_REDIS_URL, channelPrefix: testPrefix() });
    opened.push(other);
    const onOther = recorder('other prefix');
    other.subscribe('chat:1', onOther.listener);
    await other.ready('chat:1');
    const onA = recorder('a');
    a.subscribe('chat:1', onA.listener);
    await a.ready('chat:1');
    a.publish('chat:1', 'for my prefix only');
    await onA.waitFor((got) => got.length === 1, 'its own message');
    // The other instance's own message comes after A's would have in Redis's order.
    other.publish('chat:1', 'mine');
    await onOther.waitFor((got) => got.length === 1, 'its own message');
    expect(onOther.received).toEqual(['mine']);
    expect(onA.received).toEqual(['for my prefix only']);
  });

  it('drops a message that is not JSON (another writer on the channel) and logs it, then goes on', async () => {
    const { b, prefix } = await twoInstances();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const onB = recorder('b');
    b.subscribe('feed', onB.listener);
    await b.ready('feed');
    const stranger = createClient({ url: TEST_REDIS_URL });
    await stranger.connect();
    try {
      await stranger.publish(`${prefix}feed`, '{not json');
      await stranger.publish(`${prefix}feed`, JSON.stringify({ ok: true }));
    } finally {
      stranger.destroy();
    }
    await onB.waitFor((got) => got.length === 1, 'the valid message');
    expect(onB.received).toEqual([{ ok: true }]);
    expect(b.stats).toMatchObject({ received: 2, droppedMessages: 1 });
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(/dropped a message on feed that is not valid JSON/),
    );
  });

  it('still delivers to the next listener when one throws, and logs the failure', async () => {
    const { a, b } = await twoInstances();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    b.subscribe('tips', () => {
      throw new Error('listener broke');
    });
    const next = recorder('next');
    b.subscribe('tips', next.listener);
    await b.ready('tips');
    a.publish('tips', { amount: 500n });
    a.publish('tips', { amount: 700n });
    await next.waitFor((got) => got.length === 2, 'both tips');
    expect(next.received).toEqual([{ amount: 500n }, { amount: 700n }]);
    expect(b.stats.listenerErrors).toBe(2);
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('pubsub listener on tips failed: Error: listener broke'),
    );
  });

  it('never throws from publish: a message JSON cannot carry, or a closed pubsub, is logged and counted', async () => {
    const { a } = await twoInstances();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => a.publish('x', loop)).not.toThrow();
    expect(() => a.publish('x', undefined)).not.toThrow();
    await a.close();
    expect(() => a.publish('x', 'after close')).not.toThrow();
    expect(a.stats).toMatchObject({ published: 0, publishFailures: 3 });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Redis pubsub publish on x failed/));
    // A subscription after close is a no-op, not an error.
    expect(() => a.subscribe('x', () => undefined)()).not.toThrow();
  });

  it('refuses to connect, naming where, when nothing answers there', async () => {
    const port = await freePort();
    const refused = await RedisPubSub.connect({ url: `redis://user:secret@127.0.0.1:${port}` }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(
      new RegExp(`^Redis at redis://127\\.0\\.0\\.1:${port} could not be reached: .*ECONNREFUSED`),
    );
    expect((refused as Error).message).not.toContain('secret');
  });
});
