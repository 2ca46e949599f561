import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { PLAYBACK_TOKEN_TTL_MS } from '@shared/domain/live/stream';
import { codeOf, startTestServer, type TestServer } from '../../test/test-server';
import { eventually, getSome, probeStreams, publish, type TestPublisher } from './relay/test/relay-test-kit';
import { person, streamDraft, type Person } from './streams/test/live-fixtures';

/**
 * An attacker's probes of the relay over a real server with its node-media-server, a real ffmpeg publisher,
 * and raw HTTP: ingest keys used where they do not belong, playback tokens moved between streams, tampered,
 * replayed after expiry or bent into paths. Each is a defence that held, kept as a regression test.
 */
const clock = new ManualClock(new Date());
let server: TestServer;
let owner: Person;
let rival: Person;
let streamA: string;
let streamB: string;
let keyA: string;
let keyB: string;
let publisher: TestPublisher | null = null;
/** Everything the server wrote to the console while the probes ran (the key must be in none of it). */
const logged: string[] = [];

function recordConsole(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(
        args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg))).join(' '),
      );
    });
  }
}

beforeAll(async () => {
  recordConsole();
  server = await startTestServer({
    clock,
    config: { live: { rtmpPort: 0, playbackPort: 0, rtmpPublicUrl: null, playbackPublicUrl: null } },
  });
  owner = await person(server, 'creator');
  rival = await person(server, 'creator');
  streamA = (await owner.client.live.create.mutate({ draft: streamDraft({ title: 'A' }) })).id;
  streamB = (await owner.client.live.create.mutate({ draft: streamDraft({ title: 'B' }) })).id;
  keyA = (await owner.client.live.goLive.mutate({ id: streamA })).key;
  keyB = (await owner.client.live.goLive.mutate({ id: streamB })).key;
}, 60_000);
afterAll(async () => {
  await publisher?.stop();
  await server.close();
  vi.restoreAllMocks();
});

const rtmpBase = () => server.live!.rtmpUrl;
const playbackBase = () => server.live!.playbackUrl;

/** The playback answer a fan gets once stream A is live. */
async function playbackOfA() {
  return eventually(
    async () => {
      const watched = await server.client().live.watch.query({ streamId: streamA });
      return watched.access === 'open' ? (watched.playback ?? undefined) : undefined;
    },
    30_000,
    'stream A to be live',
  );
}

describe('ingest', () => {
  it('another creator cannot go live on (nor get a key for) the creator’s stream', async () => {
    const code = await rival.client.live.goLive.mutate({ id: streamA }).then(() => 'ANSWERED', codeOf);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code);
  });

  it('refuses stream B’s key on stream A’s path: ffmpeg is turned away and A stays scheduled', async () => {
    const wrongKey = publish(`${rtmpBase()}/${streamA}?key=${encodeURIComponent(keyB)}`);
    expect(await wrongKey.exited).not.toBe(0);
    // The refusal is logged with the stream and the reason, never with either key.
    await eventually(() => (logged.some((line) => line.includes(streamA)) ? true : undefined), 10_000);
    expect(logged.join('\n')).toMatch(/refused a publish to stream .* wrong key/);
    expect(logged.join('\n')).not.toContain(keyB);
    expect(logged.join('\n')).not.toContain(keyA);
    await expect(owner.client.live.get.query({ id: streamA })).resolves.toMatchObject({
      status: 'scheduled',
    });
  }, 30_000);

  it('lets A’s own key in, and the key appears in no answer, page or playback URL', async () => {
    publisher = publish(`${rtmpBase()}/${streamA}?key=${encodeURIComponent(keyA)}`);
    const playback = await playbackOfA();
    const anonymous = server.client();
    const answers = [
      await owner.client.live.get.query({ id: streamA }),
      await owner.client.live.mine.query(),
      await anonymous.live.watch.query({ streamId: streamA }),
      await anonymous.live.forCreator.query({ handle: owner.handle! }),
      await anonymous.liveChat.history.query({ streamId: streamA }),
      playback,
    ];
    const page = await fetch(`${server.url}/c/${owner.handle!}/live/${streamA}`);
    const everything = JSON.stringify(answers) + (await page.text());
    expect(everything).toContain(streamA);
    expect(everything).not.toContain(keyA);
    expect(everything).not.toContain(encodeURIComponent(keyA));
    expect(logged.join('\n')).not.toContain(keyA);
  }, 60_000);
});

describe('playback tokens', () => {
  it('a token for A opens A’s HLS, and nothing else: not B, not a tampered copy, not a bent path', async () => {
    const playback = await playbackOfA();
    const token = encodeURIComponent(playback.token);
    const playlist = await eventually(
      async () => {
        const answer = await fetch(playback.hls);
        return answer.status === 200 ? answer.text() : undefined;
      },
      30_000,
      'the HLS playlist',
    );
    expect(playlist).toContain('#EXTM3U');

    const hls = (path: string) => fetch(`${server.url}/live/hls/${path}`).then((answer) => answer.status);
    expect(await hls(`${token}/${streamB}/index.m3u8`)).toBe(403);
    const [payload = '', signature = ''] = playback.token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    expect(await hls(`${payload}.${flipped}/${streamA}/index.m3u8`)).toBe(403);
    // The payload swapped for stream B's, keeping A's signature.
    const forgedPayload = Buffer.from(
      JSON.stringify([streamB, null, Math.floor(Date.now() / 1000) + 3600]),
    ).toString('base64url');
    expect(await hls(`${forgedPayload}.${signature}/${streamB}/index.m3u8`)).toBe(403);
    for (const bent of [
      `${token}/${streamA}/..%2F..%2F..%2Fetc%2Fpasswd`,
      `${token}/${streamA}/..%2Findex.m3u8`,
      `${token}/..%2F${streamA}/index.m3u8`,
      `${token}/${streamA}/${'a'.repeat(5_000)}.ts`,
      `${token}/${streamA.toUpperCase()}/index.m3u8`,
      `${token}/${streamA}/index.m3u8%00.ts`,
    ]) {
      expect(await hls(bent)).toBe(404);
    }
    expect(await hls(`${'x'.repeat(2_000)}/${streamA}/index.m3u8`)).not.toBe(200);
    expect(await hls(`..%2F${token}/${streamA}/index.m3u8`)).toBe(403);
  }, 60_000);

  it('HTTP-FLV and RTMP play need a token for that very stream', async () => {
    const playback = await playbackOfA();
    const token = encodeURIComponent(playback.token);
    expect((await getSome(`${playbackBase()}/live/${streamA}.flv`, 1024, 5_000)).status).toBe(403);
    expect((await getSome(`${playbackBase()}/live/${streamB}.flv?token=${token}`, 1024, 5_000)).status).toBe(
      403,
    );
    expect((await getSome(`${playbackBase()}/live/${streamA}.flv?token=${keyA}`, 1024, 5_000)).status).toBe(
      403,
    );
    // Played over RTMP with the ingest key instead of a token, or with none, the stream gives nothing.
    await expect(
      probeStreams(`${rtmpBase()}/${streamA}?key=${encodeURIComponent(keyA)}`).catch(() => []),
    ).resolves.toEqual([]);
    await expect(probeStreams(`${rtmpBase()}/${streamA}`).catch(() => [])).resolves.toEqual([]);
    // With A's token the same FLV URL plays.
    const played = await getSome(playback.flv, 1024, 10_000);
    expect(played.status).toBe(200);
    expect(played.body.subarray(0, 3).toString('latin1')).toBe('FLV');
  }, 60_000);

  it('a token replayed after it expired opens neither HLS nor FLV', async () => {
    const playback = await playbackOfA();
    expect((await fetch(playback.hls)).status).toBe(200);
    clock.advance(PLAYBACK_TOKEN_TTL_MS + 1_000);
    expect((await fetch(playback.hls)).status).toBe(403);
    expect((await getSome(playback.flv, 1024, 5_000)).status).toBe(403);
  }, 60_000);
});
