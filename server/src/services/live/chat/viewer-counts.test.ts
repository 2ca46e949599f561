import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '@shared/domain/live/live-events';
import { InProcessPubSub } from '../../../adapters/pubsub';
import type { LiveRelay } from '../live-relay';
import { LiveFanout } from './live-fanout';
import { VIEWER_REPORT_FRESH_MS, ViewerCounts } from './viewer-counts';

let pubsub: InProcessPubSub;
afterEach(() => pubsub?.close());

/** A relay that only reports players (the rest is not used by viewer counts). */
const relayWith = (players: Map<string, number>): LiveRelay => ({
  ingestUrl: () => '',
  playbackUrls: () => ({ flv: '', hls: '' }),
  disconnectPublisher: () => undefined,
  viewerCounts: () => players,
});

/** One server instance's fan-out and viewer counts, on a shared pubsub and a clock the test moves. */
function instance(players = new Map<string, number>(), clock = { ms: 0 }) {
  const fanout = new LiveFanout(pubsub);
  const viewers = new ViewerCounts({ pubsub, fanout, relay: relayWith(players), now: () => clock.ms });
  viewers.start(60_000); // ticks are driven by the test
  return { fanout, viewers };
}

describe('viewer counts', () => {
  it('add up the instances’ reports, counting a fan with the chat and the player once', async () => {
    pubsub = new InProcessPubSub();
    const clock = { ms: 0 };
    const a = instance(new Map([['s', 3]]), clock); // 3 players, 2 of them with the chat open
    const b = instance(new Map(), clock); // 1 chat-only viewer
    a.fanout.subscribe('s', { moderator: false });
    a.fanout.subscribe('s', { moderator: false });
    const onB = b.fanout.subscribe('s', { moderator: false });
    a.viewers.tick();
    b.viewers.tick();
    expect(a.viewers.countOf('s')).toBe(4);
    expect(b.viewers.countOf('s')).toBe(4);

    // B's subscriber is told the total once, and again only when it changes.
    b.viewers.tick();
    const events: LiveEvent[] = [];
    const reading = (async () => {
      for await (const batch of onB.batches()) {
        events.push(...batch);
        if (events.length >= 1) return;
      }
    })();
    await reading;
    expect(events).toEqual([{ type: 'viewers', streamId: 's', count: 4 }]);

    // An instance that stops reporting (gone) stops counting after a while.
    clock.ms += VIEWER_REPORT_FRESH_MS + 1;
    b.viewers.tick();
    expect(b.viewers.countOf('s')).toBe(0); // its own subscriber ended with the read above
    await Promise.all([a.viewers.stop(), b.viewers.stop()]);
  });

  it('ignores a report whose counts are not whole numbers', () => {
    pubsub = new InProcessPubSub();
    const a = instance();
    pubsub.publish('live.viewers', { instance: 'other', counts: { s: -5, t: 'many', u: 2.5, v: 2 } });
    expect([
      a.viewers.countOf('s'),
      a.viewers.countOf('t'),
      a.viewers.countOf('u'),
      a.viewers.countOf('v'),
    ]).toEqual([0, 0, 0, 2]);
    void a.viewers.stop();
  });
});
