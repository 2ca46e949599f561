import { afterEach, describe, expect, it } from 'vitest';
import { streamEventsChannel, type LiveEvent } from '@shared/domain/live/live-events';
import { InProcessPubSub } from '../../../adapters/pubsub';
import { LiveFanout, SubscriberTooSlowError, type FanoutLimits, type LiveSubscription } from './live-fanout';
import { sharedJsonOf } from './shared-json';

const LIMITS: FanoutLimits = {
  batchMs: 20,
  batchMax: 50,
  maxQueue: 100,
  maxOverflows: 2,
  maxBufferedBytes: 1000,
};
const message = (n: number): LiveEvent => ({ type: 'viewers', streamId: 's', count: n });

let pubsub: InProcessPubSub;
afterEach(() => pubsub?.close());

/** Reads batches until `until` says enough (or 5 s pass), as a WebSocket subscription would. */
async function read(subscription: LiveSubscription, until: (all: LiveEvent[][]) => boolean) {
  const all: LiveEvent[][] = [];
  const timeout = setTimeout(() => subscription.close(), 5_000);
  for await (const batch of subscription.batches()) {
    all.push(batch);
    if (until(all)) break;
  }
  clearTimeout(timeout);
  return all;
}

describe('the live fan-out', () => {
  it('shares one pubsub subscription per stream between its local subscribers, and drops it after the last', () => {
    pubsub = new InProcessPubSub();
    let subscribes = 0;
    const counting = {
      ...pubsub,
      publish: pubsub.publish.bind(pubsub),
      subscribe: (channel: string, listener: (m: unknown) => void) => {
        subscribes += 1;
        return pubsub.subscribe(channel, listener);
      },
      close: () => pubsub.close(),
    };
    const fanout = new LiveFanout(counting, LIMITS);
    const subs = Array.from({ length: 5 }, () => fanout.subscribe('s', { moderator: false }));
    expect(subscribes).toBe(1);
    expect(fanout.localCounts()).toEqual(new Map([['s', 5]]));
    for (const sub of subs) sub.close();
    expect(fanout.localCounts().size).toBe(0);
  });

  it('delivers what is published in batches, in order, to every subscriber', async () => {
    pubsub = new InProcessPubSub();
    const fanout = new LiveFanout(pubsub, LIMITS);
    const a = fanout.subscribe('s', { moderator: false });
    const b = fanout.subscribe('s', { moderator: false });
    const count = (all: LiveEvent[][]) => all.flat().length;
    const reads = Promise.all([read(a, (all) => count(all) >= 120), read(b, (all) => count(all) >= 120)]);
    // Published as they come from the pubsub: a few at a time, the readers running in between.
    for (let i = 0; i < 120; i++) {
      pubsub.publish(streamEventsChannel('s'), message(i));
      if (i % 30 === 29) await new Promise((resolve) => setImmediate(resolve));
    }
    const [fromA, fromB] = await reads;
    expect(fromA.flat()).toEqual(Array.from({ length: 120 }, (_, i) => message(i)));
    expect(fromB.flat()).toEqual(fromA.flat());
    // Batched: far fewer hand-overs than events (a batch holds at most the queue).
    expect(fromA.length).toBeLessThanOrEqual(10);
    expect(Math.max(...fromA.map((batch) => batch.length))).toBeLessThanOrEqual(LIMITS.maxQueue);
  });

  it('gives moderation events to moderators only', async () => {
    pubsub = new InProcessPubSub();
    const fanout = new LiveFanout(pubsub, LIMITS);
    const fan = fanout.subscribe('s', { moderator: false });
    const moderator = fanout.subscribe('s', { moderator: true });
    const ban: LiveEvent = {
      type: 'moderation',
      streamId: 's',
      moderation: { action: 'ban', fanId: 'f', until: null, by: 'c' },
    };
    pubsub.publish(streamEventsChannel('s'), ban);
    pubsub.publish(streamEventsChannel('s'), message(1));
    const [seenByFan, seenByModerator] = await Promise.all([
      read(fan, (all) => all.flat().length >= 1),
      read(moderator, (all) => all.flat().length >= 2),
    ]);
    expect(seenByFan.flat()).toEqual([message(1)]);
    expect(seenByModerator.flat()).toEqual([ban, message(1)]);
  });

  it('holds a bounded backlog for a reader that does not read, tells it what it missed, and others keep receiving', async () => {
    pubsub = new InProcessPubSub();
    const fanout = new LiveFanout(pubsub, { ...LIMITS, maxOverflows: 1000 });
    let stuckBytes = 5_000; // its socket is full: nothing more is written to it
    const slow = fanout.subscribe('s', { moderator: false, bufferedBytes: () => stuckBytes });
    const fast = fanout.subscribe('s', { moderator: false });
    const fastReads = read(fast, (all) => all.flat().length >= 1000);
    for (let i = 0; i < 1000; i++) {
      pubsub.publish(streamEventsChannel('s'), message(i));
      expect(slow.queued).toBeLessThanOrEqual(LIMITS.maxQueue);
      if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect((await fastReads).flat()).toHaveLength(1000);
    // The reader catches up: its first batch says how many events it missed, then what is still queued.
    stuckBytes = 0;
    const [first] = await read(slow, (all) => all.length >= 1);
    const missed = first![0]!;
    expect(missed.type).toBe('missed');
    const kept = first!.slice(1);
    expect((missed as { count: number }).count + kept.length).toBe(1000);
    expect(kept.at(-1)).toEqual(message(999));
  });

  it('cuts a subscriber that overflows again and again without catching up', async () => {
    pubsub = new InProcessPubSub();
    const fanout = new LiveFanout(pubsub, LIMITS);
    const slow = fanout.subscribe('s', { moderator: false, bufferedBytes: () => 5_000 });
    for (let i = 0; i < (LIMITS.maxOverflows + 1) * (LIMITS.maxQueue + 1); i++) {
      pubsub.publish(streamEventsChannel('s'), message(i));
    }
    expect(slow.ended).toBe(true);
    expect(fanout.localCounts().size).toBe(0);
    await expect(read(slow, () => true)).rejects.toBeInstanceOf(SubscriberTooSlowError);
  });
});

describe('the live fan-out’s shared batches', () => {
  const ban: LiveEvent = {
    type: 'moderation',
    streamId: 's',
    moderation: { action: 'ban', fanId: 'f', until: null, by: 'c' },
  };

  it('hands every subscriber that kept up the same batch, its JSON written once; moderators their own', async () => {
    pubsub = new InProcessPubSub();
    const fanout = new LiveFanout(pubsub, LIMITS);
    const fans = [0, 1, 2].map(() => fanout.subscribe('s', { moderator: false }));
    const moderators = [0, 1].map(() => fanout.subscribe('s', { moderator: true }));
    for (const event of [message(1), ban, message(2)]) pubsub.publish(streamEventsChannel('s'), event);
    const batches = await Promise.all(
      [...fans, ...moderators].map(async (subscription) => (await read(subscription, () => true))[0]!),
    );
    const [fanBatch, ...otherFans] = batches.slice(0, 3);
    const [moderatorBatch, otherModerator] = batches.slice(3);
    expect(fanBatch).toEqual([message(1), message(2)]);
    expect(moderatorBatch).toEqual([message(1), ban, message(2)]);
    for (const other of otherFans) expect(other).toBe(fanBatch);
    expect(otherModerator).toBe(moderatorBatch);
    expect(sharedJsonOf(fanBatch)).toBe(JSON.stringify([message(1), message(2)]));
    expect(sharedJsonOf(moderatorBatch)).toBe(JSON.stringify([message(1), ban, message(2)]));
  });

  it('gives a subscriber whose batch differs (it joined late, it missed some) its own, its JSON that batch’s', async () => {
    pubsub = new InProcessPubSub();
    const fanout = new LiveFanout(pubsub, { ...LIMITS, maxOverflows: 1000 });
    let stuckBytes = 0;
    const early = fanout.subscribe('s', { moderator: false });
    const slow = fanout.subscribe('s', { moderator: false, bufferedBytes: () => stuckBytes });
    pubsub.publish(streamEventsChannel('s'), message(1));
    const late = fanout.subscribe('s', { moderator: false });
    pubsub.publish(streamEventsChannel('s'), message(2));
    stuckBytes = 5_000;
    const [earlyBatch] = await read(early, () => true);
    const [lateBatch] = await read(late, () => true);
    expect(earlyBatch).toEqual([message(1), message(2)]);
    expect(sharedJsonOf(earlyBatch)).toBe(JSON.stringify(earlyBatch));
    expect(lateBatch).toEqual([message(2)]);
    expect(sharedJsonOf(lateBatch)).toBe(JSON.stringify([message(2)]));
    // The slow reader overflows, then catches up: `missed` first, then what it kept, all its own.
    for (let i = 3; i < LIMITS.maxQueue + 10; i++) pubsub.publish(streamEventsChannel('s'), message(i));
    stuckBytes = 0;
    const [slowBatch] = await read(slow, () => true);
    expect(slowBatch![0]).toEqual({ type: 'missed', count: LIMITS.maxQueue + 1 });
    expect(slowBatch!.slice(1)).toEqual(
      // 1 and 2 were queued; 3 to maxQueue + 1 overflowed the queue; what came after is kept.
      Array.from({ length: 8 }, (_, k) => message(LIMITS.maxQueue + 2 + k)),
    );
    expect(sharedJsonOf(slowBatch)).toBe(JSON.stringify(slowBatch));
  });

  it('hands batches to a direct writer once asked, holding them back while its socket is full; the reader only waits for the end', async () => {
    pubsub = new InProcessPubSub();
    const fanout = new LiveFanout(pubsub, LIMITS);
    let unread = 0;
    const sub = fanout.subscribe('s', { moderator: false, bufferedBytes: () => unread });
    const written: LiveEvent[][] = [];
    const reader = (async () => {
      const read: LiveEvent[][] = [];
      for await (const batch of sub.batches()) read.push(batch);
      return read;
    })();
    sub.writeDirectly((batch) => written.push(batch));
    const publish = (n: number) => pubsub.publish(streamEventsChannel('s'), message(n));
    publish(1);
    await new Promise((resolve) => setTimeout(resolve, LIMITS.batchMs * 2));
    expect(written.flat()).toEqual([message(1)]);
    // A full socket: nothing is written until it drains, then what piled up goes out as one batch.
    unread = LIMITS.maxBufferedBytes + 1;
    publish(2);
    publish(3);
    await new Promise((resolve) => setTimeout(resolve, LIMITS.batchMs * 3));
    expect(written.flat()).toEqual([message(1)]);
    unread = 0;
    await new Promise((resolve) => setTimeout(resolve, LIMITS.batchMs * 3));
    expect(written.flat()).toEqual([message(1), message(2), message(3)]);
    expect(written.at(-1)).toEqual([message(2), message(3)]);
    // Closed: the reader ends having read nothing itself, and nothing more is written.
    sub.close();
    expect(await reader).toEqual([]);
    publish(4);
    await new Promise((resolve) => setTimeout(resolve, LIMITS.batchMs * 2));
    expect(written.flat()).toHaveLength(3);
  });
});
