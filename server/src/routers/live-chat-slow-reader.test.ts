import type { Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import { streamEventsChannel, type LiveEvent } from '@shared/domain/live/live-events';
import { InProcessPubSub } from '../adapters/pubsub';
import { person, streamDraft } from '../services/live/streams/test/live-fixtures';
import { startTestServer, type TestServer } from '../test/test-server';
import type { AppRouter } from './index';

const pubsub = new InProcessPubSub();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ pubsub });
});
afterAll(() => server.close());

/** A viewer over its own WebSocket, whose socket can stop reading (as a stalled phone would). */
function viewer() {
  const sockets: WebSocket[] = [];
  class RecordedSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
    }
  }
  const ws = createWSClient({
    url: `${server.url.replace(/^http/, 'ws')}/trpc`,
    WebSocket: RecordedSocket as unknown as typeof globalThis.WebSocket,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
  const tcp = () => (sockets[0] as unknown as { _socket: Socket })._socket;
  return { client, ws, pause: () => tcp().pause(), resume: () => tcp().resume() };
}

it('keeps a viewer that stops reading to a bounded backlog: told what it missed or cut, while others get everything', async () => {
  const owner = await person(server, 'creator');
  const { id: streamId } = await owner.client.live.create.mutate({ draft: streamDraft() });
  const fast = viewer();
  const slow = viewer();
  const fastEvents: LiveEvent[] = [];
  const slowEvents: LiveEvent[] = [];
  let slowError: unknown = null;
  fast.client.liveChat.events.subscribe({ streamId }, { onData: (batch) => fastEvents.push(...batch) });
  slow.client.liveChat.events.subscribe(
    { streamId },
    { onData: (batch) => slowEvents.push(...batch), onError: (err) => (slowError = err) },
  );
  // Both are following once each has its first viewer count.
  while (fastEvents.length === 0 || slowEvents.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  slow.pause();

  // 40,000 messages of about 300 characters (about 16 MB as JSON), as fast as the fast viewer takes them.
  const TOTAL = 40_000;
  const text = 'x'.repeat(300);
  const at = new Date().toISOString();
  for (let i = 0; i < TOTAL; i++) {
    const message = {
      id: `m${i}`,
      streamId,
      kind: 'message',
      author: { id: owner.id, displayName: 'Owner', handle: null },
      text,
      tip: null,
      createdAt: at,
      deletedAt: null,
    } as const;
    pubsub.publish(streamEventsChannel(streamId), { type: 'message', message } satisfies LiveEvent);
    if (i % 200 === 199) {
      while (fastEvents.filter((e) => e.type === 'message').length < i - 500) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  }
  const deadline = Date.now() + 30_000;
  while (fastEvents.filter((e) => e.type === 'message').length < TOTAL && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(fastEvents.filter((e) => e.type === 'message')).toHaveLength(TOTAL);
  expect(fastEvents.some((e) => e.type === 'missed')).toBe(false);

  // The stalled viewer reads again: it got a bounded part, then was told it missed the rest, or was cut.
  slow.resume();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const received = slowEvents.filter((e) => e.type === 'message').length;
  const missed = slowEvents.reduce((sum, e) => sum + (e.type === 'missed' ? e.count : 0), 0);
  expect(received).toBeLessThan(TOTAL);
  expect(missed > 0 || slowError !== null).toBe(true);
  if (slowError === null) expect(received + missed).toBe(TOTAL);
  await Promise.all([fast.ws.close(), slow.ws.close()]);
});
