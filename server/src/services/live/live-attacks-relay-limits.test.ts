import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { InProcessPubSub } from '../../adapters/pubsub';
import type { DatabaseHandle } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { openTestDatabase } from '../../test/test-server';
import { LIVE_KEYS_CHANNEL } from './live-relay';
import { DEFAULT_CONNECTION_LIMITS } from './relay/media-server';
import { composeRelay } from './relay/relay-feature';
import {
  eventually,
  insertCreator,
  insertStream,
  publish,
  type TestPublisher,
} from './relay/test/relay-test-kit';

/**
 * An attacker holding the relay's connections open without streaming: one address may keep only
 * `maxPendingPerAddress` connections that have not yet published or played; the rest are closed as they come,
 * and a creator pushing from elsewhere still goes live. Idle sockets come from 127.0.0.2 (Linux answers the
 * whole of 127/8 on loopback), the real ffmpeg publisher from 127.0.0.1.
 */
const HOUR = 3_600_000;
const ATTACKER_ADDRESS = '127.0.0.2';
const clock = new ManualClock(new Date());
const pubsub = new InProcessPubSub();
const started: string[] = [];
let database: DatabaseHandle;
let dataDir: string;
let relayFeature: ReturnType<typeof composeRelay>;
const sockets: net.Socket[] = [];
let publisher: TestPublisher | null = null;

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.db);
  dataDir = mkdtempSync(path.join(tmpdir(), 'mesi-relay-limits-'));
  relayFeature = composeRelay({
    db: database.db,
    pubsub,
    live: { rtmpPort: 0, playbackPort: 0, rtmpPublicUrl: null, playbackPublicUrl: null },
    host: '127.0.0.1',
    dataDir,
    publicUrl: () => 'http://127.0.0.1:1',
    mediaUrlSecret: 'a media URL secret of at least 32 characters',
    events: { publishStarted: (streamId) => started.push(streamId), publishEnded: () => undefined },
    clock,
    hlsLingerMs: 300,
  });
  await relayFeature.relay.start();
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await publisher?.stop();
  await relayFeature?.background.stop();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A TCP connection to the relay's RTMP port that says nothing, and whether it has been closed by the relay. */
function idleConnection(port: number): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: ATTACKER_ADDRESS });
    sockets.push(socket);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('close', () => reject(new Error('closed before connecting')));
  });
}

describe('connections that neither publish nor play', () => {
  it('50 idle sockets from one address: the first 20 are held, the 21st and later closed at once', async () => {
    const cap = DEFAULT_CONNECTION_LIMITS.maxPendingPerAddress;
    expect(cap).toBe(20);
    const connections = [];
    for (let i = 0; i < 50; i++) connections.push(await idleConnection(relayFeature.relay.ports.rtmp));
    // The relay closes each one beyond the cap as it is accepted (the handshake timeout is far longer).
    await Promise.all(connections.slice(cap).map((connection) => connection.closed));
    expect(connections.slice(0, cap).filter((connection) => connection.socket.destroyed)).toEqual([]);
  }, 30_000);

  it('a creator with a valid key still goes live while those 20 are held', async () => {
    const stream = await insertStream(database.db, await insertCreator(database.db), {
      keyExpiresAt: new Date(clock.now().getTime() + HOUR),
    });
    pubsub.publish(LIVE_KEYS_CHANNEL, { streamId: stream.streamId });
    await relayFeature.relay.keysSettled();
    publisher = publish(relayFeature.relay.ingestUrl(stream.streamId, stream.key));
    await eventually(() => (started.includes(stream.streamId) ? true : undefined), 20_000, 'the publish');
    expect(sockets.filter((socket) => !socket.destroyed)).toHaveLength(
      DEFAULT_CONNECTION_LIMITS.maxPendingPerAddress,
    );
  }, 30_000);
});
