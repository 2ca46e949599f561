import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { InProcessPubSub } from '../../../adapters/pubsub';
import { migrateToLatest } from '../../../db/migrate';
import type { DatabaseHandle } from '../../../db/database';
import type { Database } from '../../../db/schema';
import type { RouteDeps } from '../../../http/feature-routes';
import { openTestDatabase } from '../../../test/test-server';
import { LIVE_KEYS_CHANNEL } from '../live-relay';
import { HmacPlaybackTokens } from './playback-tokens';
import { composeRelay } from './relay-feature';
import {
  eventually,
  getSome,
  insertCreator,
  insertStream,
  playAndInject,
  probeStreams,
  publish,
  stillRunningAfter,
  type TestPublisher,
} from './test/relay-test-kit';

const SECRET = 'a media URL secret of at least 32 characters';
const HOUR = 3_600_000;

describe('the RTMP relay (node-media-server, real ffmpeg)', () => {
  let database: DatabaseHandle;
  let db: Kysely<Database>;
  let dataDir: string;
  let http: FastifyInstance;
  let httpUrl: string;
  const clock = new ManualClock(new Date());
  const pubsub = new InProcessPubSub();
  const started: string[] = [];
  const ended: string[] = [];
  let relayFeature: ReturnType<typeof composeRelay>;
  let creatorId: string;
  let warnings: MockInstance<typeof console.warn>;
  const publishers: TestPublisher[] = [];

  const relay = () => relayFeature.relay;
  const tokens = () => relayFeature.tokens;
  const push = (url: string) => {
    const publisher = publish(url);
    publishers.push(publisher);
    return publisher;
  };
  const logged = () => warnings.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
  /** A stream and its key, announced on the pubsub as the streams service does once it issues a key. */
  const freshStream = async (options: Partial<Parameters<typeof insertStream>[2]> = {}) => {
    const stream = await insertStream(db, creatorId, {
      keyExpiresAt: new Date(clock.now().getTime() + 24 * HOUR),
      ...options,
    });
    pubsub.publish(LIVE_KEYS_CHANNEL, { streamId: stream.streamId });
    await relay().keysSettled();
    return stream;
  };
  const waitStarted = (streamId: string) =>
    eventually(() => (started.includes(streamId) ? true : undefined), 20_000, `the publish of ${streamId}`);

  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db;
    await migrateToLatest(db);
    creatorId = await insertCreator(db);
    dataDir = mkdtempSync(path.join(tmpdir(), 'mesi-relay-test-'));
    warnings = vi.spyOn(console, 'warn');
    // The server's own router allows long parameters (tRPC batches; here, the token in the HLS path).
    http = Fastify({ routerOptions: { maxParamLength: 5000 } });
    relayFeature = composeRelay({
      db,
      pubsub,
      live: { rtmpPort: 0, playbackPort: 0, rtmpPublicUrl: null, playbackPublicUrl: null },
      host: '127.0.0.1',
      dataDir,
      publicUrl: () => httpUrl,
      mediaUrlSecret: SECRET,
      events: {
        publishStarted: (streamId) => started.push(streamId),
        publishEnded: (streamId) => ended.push(streamId),
      },
      clock,
      hlsLingerMs: 300,
    });
    for (const routes of relayFeature.routes) {
      await http.register(async (scope) => routes(scope, {} as RouteDeps));
    }
    httpUrl = await http.listen({ host: '127.0.0.1', port: 0 });
    await relay().start();
  });

  afterAll(async () => {
    await Promise.all(publishers.map((publisher) => publisher.stop()));
    await relayFeature?.background.stop();
    await http?.close();
    await database?.close();
    warnings?.mockRestore();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('a publisher with a valid key', () => {
    let stream: { streamId: string; key: string };
    let publisher: TestPublisher;

    beforeAll(async () => {
      stream = await freshStream();
      publisher = push(relay().ingestUrl(stream.streamId, stream.key));
      await waitStarted(stream.streamId);
    });

    it('goes live: publishStarted is reported once for its stream', () => {
      expect(started.filter((id) => id === stream.streamId)).toHaveLength(1);
      expect(relay().ingestUrl(stream.streamId, stream.key)).toMatch(
        new RegExp(`^rtmp://127\\.0\\.0\\.1:\\d+/live/${stream.streamId}\\?key=`),
      );
    });

    it('plays over HTTP-FLV with a token for the stream: an FLV body that ffprobe reads as video and audio', async () => {
      const { flv } = relay().playbackUrls(stream.streamId, tokens().issue(stream.streamId, null).token);
      const answer = await getSome(flv, 32 * 1024);
      expect(answer.status).toBe(200);
      expect(answer.body.subarray(0, 3).toString('latin1')).toBe('FLV');
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(answer.headers['content-type']).toBe('video/x-flv');
      expect(answer.headers['cache-control']).toBe('no-store');
      const streams = await probeStreams(
        relay().playbackUrls(stream.streamId, tokens().issue(stream.streamId, null).token).flv,
      );
      expect(streams).toEqual(expect.arrayContaining(['audio', 'video']));
    });

    it('counts an HTTP-FLV player while it is connected, not the HLS transmux', async () => {
      const before = relay().viewerCounts().get(stream.streamId) ?? 0;
      const { flv } = relay().playbackUrls(
        stream.streamId,
        tokens().issue(stream.streamId, 'viewer-1').token,
      );
      const reading = getSome(flv, 10 * 1024 * 1024, 3_000);
      const during = await eventually(() => {
        const now = relay().viewerCounts().get(stream.streamId) ?? 0;
        return now > before ? now : undefined;
      });
      expect(during).toBe(before + 1);
      await reading;
      await eventually(() =>
        (relay().viewerCounts().get(stream.streamId) ?? 0) === before ? true : undefined,
      );
    });

    it('cuts a player whose viewer the access re-check turns down, and keeps one whose check failed', async () => {
      const before = relay().viewerCounts().get(stream.streamId) ?? 0;
      const watch = (viewerId: string) =>
        watchFlv(relay().playbackUrls(stream.streamId, tokens().issue(stream.streamId, viewerId).token).flv);
      const cut = watch('viewer-cut');
      const kept = watch('viewer-kept');
      try {
        await eventually(() =>
          (relay().viewerCounts().get(stream.streamId) ?? 0) === before + 2 ? true : undefined,
        );
        const asked: string[] = [];
        relay().recheckPlayers(async (streamId, viewerId) => {
          asked.push(`${streamId}/${viewerId}`);
          if (viewerId === 'viewer-kept') throw new Error('the database is away');
          return viewerId !== 'viewer-cut';
        });
        await relay().recheckPlayersNow();
        await cut.closed;
        expect(asked.sort()).toEqual([`${stream.streamId}/viewer-cut`, `${stream.streamId}/viewer-kept`]);
        expect(cut.bytes()).toBeGreaterThan(0);
        expect(kept.isClosed()).toBe(false);
        await eventually(() =>
          (relay().viewerCounts().get(stream.streamId) ?? 0) === before + 1 ? true : undefined,
        );
      } finally {
        relay().recheckPlayers(async () => true);
        cut.stop();
        kept.stop();
      }
    });

    it('refuses HTTP-FLV without a token, with an expired token, or with another stream’s token', async () => {
      const other = await freshStream();
      const past = new HmacPlaybackTokens(SECRET, new ManualClock(new Date(clock.now().getTime() - HOUR)));
      const flvBase = relay().playbackUrls(stream.streamId, 'x').flv.split('?')[0]!;
      const refused = [
        flvBase,
        `${flvBase}?token=`,
        `${flvBase}?token=${past.issue(stream.streamId, null).token}`,
        `${flvBase}?token=${tokens().issue(other.streamId, null).token}`,
        `${flvBase}?token=${tokens().issue(stream.streamId, null).token}x`,
      ];
      for (const url of refused) {
        const answer = await getSome(url, 1024, 5_000);
        expect(answer.status, url).toBe(403);
        expect(answer.body.toString('utf8')).toMatch(/expired or is not for this stream/);
      }
    });

    it('drops media a player sends: nothing reaches the other viewers', async () => {
      const marker = `INJECTED-${Date.now()}`;
      const { flv } = relay().playbackUrls(stream.streamId, tokens().issue(stream.streamId, null).token);
      const watching = getSome(flv, 50 * 1024 * 1024, 3_000);
      const token = tokens().issue(stream.streamId, null).token;
      const intruder = await playAndInject(relay().ports.rtmp, `${stream.streamId}?token=${token}`, marker);
      const seen = await watching;
      intruder.destroy();
      expect(seen.body.length).toBeGreaterThan(1024);
      expect(seen.body.includes(marker)).toBe(false);
      // A player arriving later gets the cached picture and sound: not the intruder's bytes either.
      const later = await getSome(flv, 256 * 1024, 3_000);
      expect(later.body.includes(marker)).toBe(false);
    });

    it('refuses a second publisher on the live stream while the first keeps going', async () => {
      const second = push(relay().ingestUrl(stream.streamId, stream.key));
      expect(await second.exited).not.toBe(0);
      expect(logged()).toContain(
        `refused a publish to stream ${stream.streamId}: a publisher is already connected`,
      );
      expect(await stillRunningAfter(publisher, 500)).toBe(true);
      const answer = await getSome(
        relay().playbackUrls(stream.streamId, tokens().issue(stream.streamId, null).token).flv,
        4096,
      );
      expect(answer.body.subarray(0, 3).toString('latin1')).toBe('FLV');
      expect(started.filter((id) => id === stream.streamId)).toHaveLength(1);
    });

    describe('HLS', () => {
      const hlsUrl = (token: string, file = 'index.m3u8') =>
        relay()
          .playbackUrls(stream.streamId, token)
          .hls.replace(/index\.m3u8$/, file);

      it('serves the playlist and its segments with a valid token, gated on every request', async () => {
        const token = tokens().issue(stream.streamId, 'viewer-2').token;
        const playlist = await eventually(
          async () => {
            const answer = await getSome(hlsUrl(token));
            return answer.status === 200 && answer.body.includes('seg-') ? answer : undefined;
          },
          30_000,
          'the HLS playlist',
        );
        expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
        expect(playlist.headers['cache-control']).toBe('no-store');
        const segment = /^(seg-\d+\.ts)$/m.exec(playlist.body.toString('utf8'))?.[1];
        expect(segment).toBeDefined();
        const media = await getSome(hlsUrl(token, segment), 10 * 1024 * 1024);
        expect(media.status).toBe(200);
        expect(media.headers['content-type']).toBe('video/mp2t');
        expect(media.body[0]).toBe(0x47); // an MPEG-TS sync byte
        expect(playlist.body.toString('utf8')).not.toContain(stream.key);
        // An HLS reader counts as a viewer: the transmux's own play does not.
        expect(relay().viewerCounts().get(stream.streamId)).toBe(1);

        const other = await freshStream();
        const past = new HmacPlaybackTokens(SECRET, new ManualClock(new Date(clock.now().getTime() - HOUR)));
        for (const refused of [
          'not-a-token',
          past.issue(stream.streamId, null).token,
          tokens().issue(other.streamId, null).token,
        ]) {
          for (const file of ['index.m3u8', segment!]) {
            const answer = await getSome(hlsUrl(refused, file));
            expect(answer.status, `${file} with ${refused}`).toBe(403);
            expect(answer.body.toString('utf8')).toMatch(/expired or is not for this stream/);
          }
        }
      });

      it('answers 404 for names that are neither the playlist nor a segment, and for streams not transmuxed', async () => {
        const token = tokens().issue(stream.streamId, null).token;
        for (const file of [
          'index.m3u8.tmp',
          'seg-1.ts.tmp',
          '..%2F..%2Fpasswd',
          '%2e%2e',
          'seg-x.ts',
          'INDEX.M3U8',
        ]) {
          expect((await getSome(hlsUrl(token, file))).status, file).toBe(404);
        }
        const other = await freshStream();
        const otherUrl = relay().playbackUrls(other.streamId, tokens().issue(other.streamId, null).token).hls;
        expect((await getSome(otherUrl)).status).toBe(404);
        expect((await getSome(`${httpUrl}/live/hls/${token}/not-a-uuid/index.m3u8`)).status).toBe(404);
      });

      it('starts the transmux again when it dies while the publisher is still there', async () => {
        const token = tokens().issue(stream.streamId, null).token;
        const first = await eventually(() => relay().hlsTransmuxPid(stream.streamId));
        process.kill(first, 'SIGTERM');
        const second = await eventually(() => {
          const pid = relay().hlsTransmuxPid(stream.streamId);
          return pid !== undefined && pid !== first ? pid : undefined;
        });
        expect(second).not.toBe(first);
        const before = await getSome(hlsUrl(token));
        const newest = (text: string) =>
          Math.max(...[...text.matchAll(/^seg-(\d+)\.ts$/gm)].map((m) => Number(m[1])));
        const lastBefore = newest(before.body.toString('utf8'));
        await eventually(
          async () => {
            const answer = await getSome(hlsUrl(token));
            return answer.status === 200 && newest(answer.body.toString('utf8')) > lastBefore
              ? true
              : undefined;
          },
          30_000,
          'new segments from the restarted transmux',
        );
      });

      it('puts the stream key in no playback URL', () => {
        const urls = relay().playbackUrls(stream.streamId, tokens().issue(stream.streamId, 'viewer-3').token);
        expect(urls.flv).not.toContain(stream.key);
        expect(urls.hls).not.toContain(stream.key);
        expect(urls.hls.startsWith(`${httpUrl}/live/hls/`)).toBe(true);
        expect(relay().playbackOrigin()).toBe(new URL(urls.flv).origin);
      });
    });

    it('cuts the publisher when asked: publishEnded, and the HLS folder goes a little later', async () => {
      const token = tokens().issue(stream.streamId, null).token;
      relay().disconnectPublisher(stream.streamId);
      expect(await publisher.exited).not.toBe(0);
      await eventually(() => (ended.includes(stream.streamId) ? true : undefined));
      await eventually(async () =>
        (await getSome(relay().playbackUrls(stream.streamId, token).hls)).status === 404 ? true : undefined,
      );
    });
  });

  describe('refused publishers (the encoder fails, the log names the stream and the reason, never the key)', () => {
    const refusedWith = async (streamId: string, key: string, reason: string) => {
      const publisher = push(relay().ingestUrl(streamId, key));
      expect(await publisher.exited).not.toBe(0);
      const line = `refused a publish to stream ${streamId}: ${reason}`;
      await eventually(() => (logged().includes(line) ? true : undefined), 10_000, line);
      expect(logged()).not.toContain(key);
      expect(started).not.toContain(streamId);
    };

    it('a wrong key', async () => {
      const stream = await freshStream();
      await refusedWith(stream.streamId, 'not-the-key-0123456789', 'wrong key');
    });

    it('a key past its expiry when issued, and one that expired while the relay held it', async () => {
      const expired = await freshStream({ keyExpiresAt: new Date(clock.now().getTime() - 1_000) });
      await refusedWith(expired.streamId, expired.key, 'expired key');
      const expiring = await freshStream({ keyExpiresAt: new Date(clock.now().getTime() + HOUR) });
      clock.advance(2 * HOUR);
      await refusedWith(expiring.streamId, expiring.key, 'expired key');
    });

    it('the key of a stream that ended or was cancelled (a reused key), or a revoked key', async () => {
      const endedStream = await freshStream({ status: 'ended' });
      await refusedWith(endedStream.streamId, endedStream.key, 'stream ended (a reused key)');
      const cancelled = await freshStream({ status: 'cancelled' });
      await refusedWith(cancelled.streamId, cancelled.key, 'stream cancelled (a reused key)');
      const revoked = await freshStream({ revoked: true });
      await refusedWith(revoked.streamId, revoked.key, 'revoked key');
    });

    it('an unknown stream id, and paths that are not /live/<stream id>', async () => {
      await refusedWith('0191b3c0-0000-7000-8000-000000000000', 'any-key-0123456789', 'unknown stream');
      const stream = await freshStream();
      for (const url of [
        relay().ingestUrl('not-a-uuid', stream.key),
        relay().ingestUrl(stream.streamId.toUpperCase(), stream.key),
        relay().ingestUrl(stream.streamId, stream.key).replace('/live/', '/other/'),
      ]) {
        const publisher = push(url);
        expect(await publisher.exited, url).not.toBe(0);
      }
      expect(logged()).toContain('refused a publish to a path that is not /live/<stream id>');
      // Publishing over HTTP-FLV (a POST to the playback port) is refused whatever the key.
      const flvPath = new URL(relay().playbackUrls(stream.streamId, 'x').flv).pathname;
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port: relay().ports.http,
            method: 'POST',
            path: `${flvPath}?key=${stream.key}`,
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.write(Buffer.from('FLV\x01\x05\x00\x00\x00\x09\x00\x00\x00\x00', 'latin1'));
      });
      expect(status).toBe(403);
      expect(logged()).toContain('refused a publish over flv');
      expect(logged()).not.toContain(stream.key);
      expect(started).not.toContain(stream.streamId);
    });
  });

  it('accepts a key issued after start once its pubsub message arrives, without a restart', async () => {
    const stream = await insertStream(db, creatorId, {
      keyExpiresAt: new Date(clock.now().getTime() + HOUR),
    });
    pubsub.publish(LIVE_KEYS_CHANNEL, { streamId: stream.streamId });
    await relay().keysSettled();
    const publisher = push(relay().ingestUrl(stream.streamId, stream.key));
    await waitStarted(stream.streamId);
    await publisher.stop();
    await eventually(() => (ended.includes(stream.streamId) ? true : undefined));
  });

  it('stays up after malformed RTMP bytes and a connect without tcUrl; the next valid publisher works', async () => {
    const { rtmp } = relay().ports;
    const send = (bytes: Buffer) =>
      new Promise<void>((resolve) => {
        const socket = net.connect(rtmp, '127.0.0.1', () => socket.write(bytes));
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
        setTimeout(() => socket.destroy(), 1_000);
      });
    await send(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await send(Buffer.concat([Buffer.from([0x03]), Buffer.alloc(3072, 0xff), Buffer.alloc(4096, 0x41)]));
    await send(Buffer.concat([Buffer.from([0x03]), Buffer.alloc(3072), connectWithoutTcUrl()]));
    const stream = await freshStream();
    const publisher = push(relay().ingestUrl(stream.streamId, stream.key));
    await waitStarted(stream.streamId);
    await publisher.stop();
  });
});

/** An RTMP `connect` command (AMF0) whose object has an `app` but no `tcUrl`: node-media-server throws on it. */
/** An HTTP-FLV player that keeps reading until stopped, and whether the relay closed it. */
function watchFlv(url: string): {
  readonly closed: Promise<void>;
  isClosed(): boolean;
  bytes(): number;
  stop(): void;
} {
  let closed = false;
  let bytes = 0;
  let markClosed: () => void = () => undefined;
  const closedPromise = new Promise<void>((resolve) => {
    markClosed = () => {
      closed = true;
      resolve();
    };
  });
  const request = httpRequest(url, (response) => {
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    response.once('close', markClosed);
  });
  request.on('error', markClosed);
  request.end();
  return {
    closed: closedPromise,
    isClosed: () => closed,
    bytes: () => bytes,
    stop: () => request.destroy(),
  };
}

function connectWithoutTcUrl(): Buffer {
  const name = Buffer.from([0x02, 0x00, 0x07, ...Buffer.from('connect')]);
  const transaction = Buffer.alloc(9);
  transaction[0] = 0x00;
  transaction.writeDoubleBE(1, 1);
  const app = Buffer.concat([
    Buffer.from([0x03, 0x00, 0x03]),
    Buffer.from('app'),
    Buffer.from([0x02, 0x00, 0x04]),
    Buffer.from('live'),
    Buffer.from([0x00, 0x00, 0x09]),
  ]);
  const payload = Buffer.concat([name, transaction, app]);
  const header = Buffer.alloc(12);
  header[0] = 0x03; // fmt 0, chunk stream 3
  header.writeUIntBE(0, 1, 3);
  header.writeUIntBE(payload.length, 4, 3);
  header[7] = 0x14; // AMF0 command
  header.writeUInt32LE(0, 8);
  return Buffer.concat([header, payload]);
}
