import { createServer, type Server, type Socket } from 'node:net';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVE_PRESETS } from '@shared/domain/live/presets';
import { scratchFolder } from '../test/media';
import { LivePush } from './live-push';
import { recordPush, waitFor } from './test/push-events';

const scratch = scratchFolder('live-stall');
let blackhole: Server;
let port = 0;
const sockets = new Set<Socket>();

// A server that accepts connections and never answers: the RTMP handshake hangs, as with a frozen server.
beforeAll(async () => {
  blackhole = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
  const address = blackhole.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => blackhole.close(resolve));
  scratch.cleanup();
});

const base = () => ({
  source: { kind: 'test-pattern' } as const,
  settings: LIVE_PRESETS['480p30'].settings,
  ingestUrl: `rtmp://127.0.0.1:${port}/live/frozen?key=test-key`,
});

it('gives up on a connection that stops answering and reconnects, recording nothing meanwhile', async () => {
  const push = new LivePush({
    ...base(),
    recording: { folder: scratch.dir, name: 'frozen' },
    stallTimeoutMs: 2000,
    // The retry is not waited for here: the point is that the hang is noticed.
    reconnectDelay: () => 60_000,
  });
  const { states } = recordPush(push);
  push.start();
  await waitFor(push, () => push.state.kind === 'reconnecting', 'the hang to be noticed', 20_000);
  expect(states.map((state) => state.kind)).toEqual(['connecting', 'reconnecting']);
  expect(push.state).toMatchObject({
    kind: 'reconnecting',
    attempt: 1,
    reason: 'The connection to the server stopped answering: nothing was sent for 2 s',
  });
  const summary = await push.stop();
  expect(summary).toEqual({ state: { kind: 'stopped', reason: 'requested' }, parts: [] });
  expect(readdirSync(scratch.dir).filter((name) => name.startsWith('frozen'))).toEqual([]);
});

it('kills ffmpeg when it does not finish within the stop timeout (stuck connecting)', async () => {
  const push = new LivePush({
    ...base(),
    recording: { folder: scratch.dir, name: 'stuck' },
    stallTimeoutMs: 60_000,
    stopTimeoutMs: 1000,
  });
  push.start();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(push.ffmpegPid).not.toBeNull();
  expect(push.state.kind).toBe('connecting');
  const summary = await push.stop();
  expect(summary.state).toEqual({ kind: 'stopped', reason: 'requested' });
  expect(push.ffmpegPid).toBeNull();
});
