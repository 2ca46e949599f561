import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { streamEventsChannel, type LiveEvent } from '@shared/domain/live/live-events';
import { InProcessPubSub } from '../adapters/pubsub';
import { shareJson } from '../services/live/chat/shared-json';
import { streamDraft } from '../services/live/streams/test/live-fixtures';
import { signUp, startTestServer, type TestServer } from '../test/test-server';
import { onceWrittenAsData, sharedJsonEncoder, subscriptionDataFrame } from './ws-frames';

const chat = (n: number, streamId = 's'): LiveEvent => ({
  type: 'message',
  message: {
    id: `m${n}`,
    streamId,
    kind: 'message',
    author: { id: 'a', displayName: 'Ann "the potter" \u2603', handle: null },
    text: `line ${n}\n</script>\u2028`,
    tip: null,
    createdAt: '2026-12-03T17:00:00.000Z',
    deletedAt: null,
  },
});

describe('the WebSocket frames encoder', () => {
  it('writes a shared batch into the frame as exactly the text JSON.stringify writes, for any subscription id', () => {
    const batch = shareJson([chat(1), chat(2)]);
    // Twice over: the second time from the frames kept per id, which must not mix up ids that look alike.
    const ids = [1, '1', 42, 'sub-"7"\\', '', '[1,"2.0"]', '[1,null]', 'number:1:2.0'];
    for (const id of [...ids, ...ids]) {
      for (const jsonrpc of [undefined, '2.0'] as const) {
        const message = { id, jsonrpc, result: { type: 'data', data: batch } };
        const frame = sharedJsonEncoder.encode(message);
        expect(frame).toBe(JSON.stringify(message));
        expect(sharedJsonEncoder.decode(frame as string)).toEqual({
          id,
          ...(jsonrpc ? { jsonrpc } : {}),
          result: { type: 'data', data: [chat(1), chat(2)] },
        });
      }
    }
  });

  it('serializes anything else as JSON.stringify does: unshared data, tracked events, other messages', () => {
    const shared = shareJson([chat(1)]);
    const messages = [
      { id: 1, result: { type: 'data', data: [chat(1)] } },
      { id: 1, result: { type: 'data', id: 'e1', data: { id: 'e1', data: shared } } },
      { id: 1, result: { type: 'data', data: shared, id: 'e1' } },
      { id: 1, result: { type: 'started' } },
      { id: null, error: { code: -32600, message: 'bad' } },
      { id: 1, method: 'reconnect', result: { type: 'data', data: shared } },
    ];
    for (const message of messages) expect(sharedJsonEncoder.encode(message)).toBe(JSON.stringify(message));
  });

  it('a shared batch stays what its JSON says: frozen', () => {
    const batch = shareJson([chat(1)]);
    expect(Object.isFrozen(batch)).toBe(true);
    expect(() => (batch as LiveEvent[]).push(chat(2))).toThrow();
  });

  it('tells the id of the frame a subscription’s own data went out in, once, and writes its later frames alike', () => {
    const first = shareJson([chat(1)]);
    const told: unknown[] = [];
    onceWrittenAsData(first, (frameId) => told.push(frameId));
    const message = { id: 7, jsonrpc: '2.0', result: { type: 'data', data: first } };
    expect(sharedJsonEncoder.encode(message)).toBe(JSON.stringify(message));
    sharedJsonEncoder.encode(message);
    expect(told).toEqual([{ id: 7, jsonrpc: '2.0' }]);
    const later = shareJson([chat(2), chat(3)]);
    const bytes = subscriptionDataFrame({ id: 7, jsonrpc: '2.0' }, later);
    expect(bytes.toString('utf8')).toBe(
      JSON.stringify({ id: 7, jsonrpc: '2.0', result: { type: 'data', data: [chat(2), chat(3)] } }),
    );
    // The same bytes for every socket of that id; data that was not shared is refused, not guessed at.
    expect(subscriptionDataFrame({ id: 7, jsonrpc: '2.0' }, later)).toBe(bytes);
    expect(() => subscriptionDataFrame({ id: 7, jsonrpc: undefined }, [chat(4)])).toThrow(/shareJson/);
  });

  it('refuses binary frames, as tRPC’s JSON encoder does', () => {
    expect(() => sharedJsonEncoder.decode(new Uint8Array([123, 125]))).toThrow();
  });
});

describe('liveChat.events over WebSocket, its batches serialized once per stream', () => {
  const pubsub = new InProcessPubSub();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pubsub });
  });
  afterAll(() => server.close());

  /** A bare socket speaking tRPC's protocol: one subscription with the given id; records its data frames. */
  async function subscriber(streamId: string, id: number | string, token?: string) {
    const url = `${server.url.replace(/^http/, 'ws')}/trpc${token ? '?connectionParams=1' : ''}`;
    const socket = new WebSocket(url);
    const frames: string[] = [];
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    socket.on('message', (data) => {
      const text = data.toString();
      const parsed = JSON.parse(text) as { result?: { type: string } };
      if (parsed.result?.type === 'started') started();
      else if (parsed.result?.type === 'data') frames.push(text);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    if (token) socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
    socket.send(
      JSON.stringify({
        id,
        method: 'subscription',
        params: { path: 'liveChat.events', input: { streamId } },
      }),
    );
    await isStarted;
    const events = () =>
      frames.flatMap((frame) => (JSON.parse(frame) as { result: { data: LiveEvent[] } }).result.data);
    // Following once its first viewer count came.
    while (!events().some((event) => event.type === 'viewers')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    frames.length = 0;
    return { socket, frames, events, id };
  }

  it('gives each subscriber, under its own id, exactly the events its role may see', async () => {
    const owner = await signUp(server, 'creator');
    const { id: streamId } = await owner.client.live.create.mutate({ draft: streamDraft() });
    const { token } = await signUp(server, 'fan');
    const creatorToken = (await signUp(server, 'creator')).token;
    const viewers = await Promise.all([
      subscriber(streamId, 1),
      subscriber(streamId, 'tab "2"'),
      subscriber(streamId, 3, token),
    ]);
    // The creator of another stream is no moderator here: a viewer like the others.
    viewers.push(await subscriber(streamId, 4, creatorToken));
    const moderator = await subscriber(streamId, 1, owner.token);
    const ban: LiveEvent = {
      type: 'moderation',
      streamId,
      moderation: { action: 'ban', fanId: 'f', until: null, by: owner.account.id },
    };
    const published = [chat(1, streamId), ban, chat(2, streamId), chat(3, streamId)];
    for (const event of published) pubsub.publish(streamEventsChannel(streamId), event);
    const expected = published.filter((event) => event.type === 'message');
    const messages = (events: LiveEvent[]) => events.filter((event) => event.type !== 'viewers');
    for (const viewer of [...viewers, moderator]) {
      while (messages(viewer.events()).length < expected.length) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    for (const viewer of viewers) {
      expect(messages(viewer.events())).toEqual(expected);
      for (const frame of viewer.frames) {
        const parsed = JSON.parse(frame) as { id: unknown; result: { type: string; data: unknown } };
        expect(parsed.id).toBe(viewer.id);
        expect(Object.keys(parsed)).toEqual(['id', 'result']);
        expect(Object.keys(parsed.result)).toEqual(['type', 'data']);
      }
      viewer.socket.close();
    }
    // The stream's creator also gets the moderation event, in its place.
    while (messages(moderator.events()).length < published.length) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(messages(moderator.events())).toEqual(published);
    moderator.socket.close();
  });

  it('writes the batches after the first straight to the socket: tRPC’s encoder sees only the first', async () => {
    const owner = await signUp(server, 'creator');
    const { id: streamId } = await owner.client.live.create.mutate({ draft: streamDraft() });
    const encode = vi.spyOn(sharedJsonEncoder, 'encode');
    try {
      const viewer = await subscriber(streamId, 5);
      const dataFramesEncoded = () =>
        encode.mock.calls.filter(
          ([message]) => (message as { result?: { type?: string } }).result?.type === 'data',
        ).length;
      const encodedBefore = dataFramesEncoded();
      // Apart in time, so that they go out as three batches (a batch per `batchMs` at most).
      for (const n of [1, 2, 3]) {
        pubsub.publish(streamEventsChannel(streamId), chat(n, streamId));
        await new Promise((resolve) => setTimeout(resolve, 80));
      }
      while (viewer.events().filter((event) => event.type === 'message').length < 3) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(viewer.events().filter((event) => event.type === 'message')).toEqual([
        chat(1, streamId),
        chat(2, streamId),
        chat(3, streamId),
      ]);
      expect(viewer.frames.length).toBeGreaterThanOrEqual(2);
      expect(dataFramesEncoded() - encodedBefore).toBe(0);

      // Stopped by the client: tRPC answers `stopped`, and nothing of this subscription comes after it.
      const after: string[] = [];
      let stopped = false;
      viewer.socket.on('message', (data) => {
        const text = data.toString();
        if ((JSON.parse(text) as { result?: { type?: string } }).result?.type === 'stopped') stopped = true;
        else if (stopped) after.push(text);
      });
      viewer.socket.send(JSON.stringify({ id: 5, method: 'subscription.stop' }));
      while (!stopped) await new Promise((resolve) => setTimeout(resolve, 5));
      pubsub.publish(streamEventsChannel(streamId), chat(4, streamId));
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(after).toEqual([]);
      viewer.socket.close();
    } finally {
      encode.mockRestore();
    }
  });
});
