import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEncoder } from '../../../encoder';
import { freePort, RtmpRelay } from '../../../encoder/live/test/rtmp-relay';
import { accountDatabaseFile, accountFolder } from '../accounts/account-session';
import { realServerSuite } from '../test/real-server-suite';
import { signUpOnServer } from '../test/server-accounts';
import { waitFor } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';
import { makeClip } from '../vault/test-media';
import type { LiveChatLine, LiveServer } from './live-ports';
import { serverLive } from './server-live';

// The server's relay (node-media-server inside it) takes its ports from these: fixed free ones, so a restarted
// server listens where the encoder reconnects to.
process.env.RTMP_PORT = String(await freePort());
process.env.LIVE_HTTP_PORT = String(await freePort());

const suite = realServerSuite();
const ingestStore = tempDir('mesi-live-ingest-');
let inTestIngest: RtmpRelay;

beforeAll(async () => {
  inTestIngest = await RtmpRelay.start(ingestStore.path);
});
afterAll(async () => {
  await inTestIngest.down();
  ingestStore.remove();
});

/**
 * The real server's live feature over the account's token, with one stand-in, clearly named: when the server
 * runs without an RTMP relay (the test server has none until one is wired into `app.ts`), `goLive` answers with
 * a key of its own and an ingest URL on an in-test node-media-server, so the real encoder still pushes over
 * RTMP. Every key handed out is kept, for the checks that none was written anywhere.
 */
function serverWithInTestIngestWhenNoRelay(serverUrl: string, token: string) {
  const real = serverLive({ serverUrl, token });
  const keys: string[] = [];
  const ingest = { inTest: false };
  const server: LiveServer & { close(): void } = {
    ...real,
    async goLive(streamId) {
      try {
        const grant = await real.goLive(streamId);
        keys.push(grant.key);
        return grant;
      } catch (error) {
        if (!/relay|not.*live streams|RTMP/i.test(error instanceof Error ? error.message : '')) throw error;
        const key = `in-test-${randomBytes(12).toString('hex')}`;
        keys.push(key);
        ingest.inTest = true;
        return { key, ingestUrl: inTestIngest.ingestUrl(streamId, key) };
      }
    },
  };
  return { server, keys, ingest };
}

/** Every file under `folder`, its bytes. */
function allFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

describe('the studio going live against a real server and real ffmpeg', () => {
  it('goes live, relays a fan’s chat line and tip, ends cleanly, never stores the key, and publishes the recording as a post draft', async () => {
    const creator = await signUpOnServer(suite.server.url);
    const fan = await signUpOnServer(suite.server.url, 'fan');
    const studio = await suite.openSignedIn(creator);
    const accountId = creator.id;
    const session = studio.studio.createContext().accounts.session(accountId);
    const live = session.features.live.session;
    const { server, keys, ingest } = serverWithInTestIngestWhenNoRelay(suite.server.url, creator.token);
    // The account's session connects its live feature when sync starts (`features.live.connect`); here the
    // connection is the one above, with the in-test ingest.
    live.setServer(server);

    const started = await studio.api.live.goLive({
      accountId,
      plan: { title: 'Friday jam', access: { kind: 'public' }, scheduledFor: null },
      setup: { source: { kind: 'test-pattern' }, encoding: { preset: '480p30' }, videoEncoder: 'libx264' },
    });
    expect(started.phase.state).toBe('connecting');
    const streamId = started.stream!.id;

    await waitFor('the encoder to publish', () => live.snapshot().phase.state === 'live', 60_000);
    await waitFor('ffmpeg stats', () => (live.snapshot().stats?.fps ?? 0) > 0, 30_000);
    expect(live.snapshot().stats?.health.level).toBeDefined();

    // A fan's line reaches the studio over the server's live events (text as sent, never HTML).
    await waitFor(
      'the fan’s line in the studio’s chat',
      async () => {
        if (!live.chatHistory().some((line) => line.text === '<b>hello</b> from a fan')) {
          await fan.api.liveChat.send.mutate({ streamId, text: '<b>hello</b> from a fan' }).catch(() => null);
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return live.chatHistory().some((line) => line.text === '<b>hello</b> from a fan');
      },
      30_000,
    );

    // A fan's tip from the chat reaches the studio as a tip (the screen's alert), with its amount.
    const tips: LiveChatLine[] = [];
    live.on('update', (update) => {
      if (update.type === 'tip') tips.push(update.line);
    });
    await fan.api.liveChat.tip.mutate({
      streamId,
      amount: '500',
      currency: 'USD',
      message: 'great show',
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: randomUUID(),
    });
    await waitFor('the tip in the studio', () => tips.length > 0, 30_000);
    expect(tips[0]).toMatchObject({
      kind: 'tip',
      text: 'great show',
      tip: { currency: 'USD', amount: '500' },
    });

    const ended = await studio.api.live.end({ accountId });
    expect(ended.phase.state).toBe('stopped');
    const onServer = await creator.api.live.get.query({ id: streamId });
    // Through the server's relay the stream went live there and is ended; through the in-test ingest it never
    // went live on the server, and End cancelled it.
    expect(onServer.status).toBe(ingest.inTest ? 'cancelled' : 'ended');
    const recording = ended.recording!;
    expect(recording.path.startsWith(join(accountFolder(suite.studioDir(), accountId), 'recordings'))).toBe(
      true,
    );
    expect(statSync(recording.path).size).toBeGreaterThan(10_000);

    const published = await studio.api.live.publishRecording({
      accountId,
      title: 'Friday jam (recording)',
      audience: 'buyers',
      price: { currency: 'USD', minor: '499' },
    });
    expect(published.post.title).toBe('Friday jam (recording)');
    expect(published.post.accessRule).toEqual({ kind: 'purchased', itemId: published.post.id });
    expect((await studio.api.vault.get({ accountId, id: published.mediaId })).kind).toBe('video');
    expect(live.snapshot().recording).toBeNull();

    // The key was used (the encoder pushed with it) and is nowhere on disk: not in the account's SQLite file
    // (nor its WAL), not in the studio's, not beside the recording.
    expect(keys.length).toBeGreaterThan(0);
    const files = [
      ...allFiles(join(suite.studioDir(), 'accounts')),
      ...allFiles(suite.studioDir()).filter((path) => !path.includes(`${join('accounts', accountId)}/`)),
    ];
    expect(files).toContain(accountDatabaseFile(suite.studioDir(), accountId));
    for (const path of files) {
      const bytes = readFileSync(path);
      for (const key of keys) expect(bytes.includes(key), `${path} holds the stream key`).toBe(false);
    }
    server.close();
  });

  it('reconnects by itself when the server restarts mid-stream, showing the attempts, and goes live again', async () => {
    const creator = await signUpOnServer(suite.server.url);
    const studio = await suite.openSignedIn(creator);
    const live = studio.studio.createContext().accounts.session(creator.id).features.live.session;
    const { server, ingest } = serverWithInTestIngestWhenNoRelay(suite.server.url, creator.token);
    live.setServer(server);
    const phases: string[] = [];
    live.on('update', (update) => {
      if (update.type === 'snapshot' && phases.at(-1) !== update.snapshot.phase.state) {
        phases.push(update.snapshot.phase.state);
      }
    });
    await studio.api.live.goLive({
      accountId: creator.id,
      plan: { title: 'Drop test', access: { kind: 'public' }, scheduledFor: null },
      setup: { source: { kind: 'test-pattern' }, encoding: { preset: '480p30' }, videoEncoder: 'libx264' },
    });
    await waitFor('the encoder to publish', () => live.snapshot().phase.state === 'live', 60_000);

    await waitFor('ffmpeg stats', () => (live.snapshot().stats?.fps ?? 0) > 0, 30_000);
    // The server (its relay inside) is killed and started again on the same ports and database; without a
    // relay in the server, the in-test ingest is restarted instead.
    const restart = ingest.inTest
      ? { down: () => inTestIngest.down(), up: () => inTestIngest.up() }
      : { down: () => suite.server.kill(), up: () => suite.server.start() };
    await restart.down();
    await waitFor('the drop to show', () => live.snapshot().phase.state === 'reconnecting', 30_000);
    const dropped = live.snapshot().phase;
    expect(dropped.state === 'reconnecting' && dropped.attempt).toBeGreaterThanOrEqual(1);
    await restart.up();
    await waitFor('the encoder to be back', () => live.snapshot().phase.state === 'live', 90_000);
    expect(phases).toEqual(expect.arrayContaining(['connecting', 'live', 'reconnecting']));
    expect(phases.lastIndexOf('live')).toBeGreaterThan(phases.indexOf('reconnecting'));

    const ended = await studio.api.live.end({ accountId: creator.id });
    expect(ended.phase.state).toBe('stopped');
    // The parts recorded before and after the drop are joined into one file.
    expect(ended.recording?.path.endsWith('stream.mkv')).toBe(true);
    server.close();
  });

  it('streams a video from the vault, looped, past its own end, named by its item id', async () => {
    const creator = await signUpOnServer(suite.server.url);
    const studio = await suite.openSignedIn(creator);
    const session = studio.studio.createContext().accounts.session(creator.id);
    const live = session.features.live.session;
    const { server } = serverWithInTestIngestWhenNoRelay(suite.server.url, creator.token);
    live.setServer(server);
    const clipDir = tempDir('mesi-live-clip-');
    const clip = join(clipDir.path, 'Two seconds.mp4');
    await makeClip(clip, { seconds: 2 });
    const { item } = await session.features.vault.library.importFile(clip);

    await studio.api.live.goLive({
      accountId: creator.id,
      plan: { title: 'Replay', access: { kind: 'public' }, scheduledFor: null },
      setup: {
        source: { kind: 'vault', itemId: item.id, loop: true },
        encoding: { preset: '480p30' },
        videoEncoder: 'libx264',
      },
    });
    await waitFor('the encoder to publish', () => live.snapshot().phase.state === 'live', 60_000);
    // Twice the clip's length on air: a video played once would have ended the push by then.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(live.snapshot().phase.state).toBe('live');
    const ended = await studio.api.live.end({ accountId: creator.id });
    const recorded = await createEncoder().media.probe(ended.recording!.path);
    expect(recorded.durationMs).toBeGreaterThan(3_000);

    await expect(
      studio.api.live.goLive({
        accountId: creator.id,
        plan: { title: 'Nothing', access: { kind: 'public' }, scheduledFor: null },
        setup: {
          source: { kind: 'vault', itemId: randomUUID(), loop: false },
          encoding: { preset: '480p30' },
          videoEncoder: 'libx264',
        },
      }),
    ).rejects.toThrow(/not found/);
    server.close();
    clipDir.remove();
  });

  it('streams a video from the vault played once, and ends the stream by itself at its end, as End would', async () => {
    const creator = await signUpOnServer(suite.server.url);
    const studio = await suite.openSignedIn(creator);
    const session = studio.studio.createContext().accounts.session(creator.id);
    const live = session.features.live.session;
    const { server, ingest } = serverWithInTestIngestWhenNoRelay(suite.server.url, creator.token);
    live.setServer(server);
    const phases: string[] = [];
    live.on('update', (update) => {
      if (update.type === 'snapshot' && phases.at(-1) !== update.snapshot.phase.state) {
        phases.push(update.snapshot.phase.state);
      }
    });
    const clipDir = tempDir('mesi-live-clip-');
    const clip = join(clipDir.path, 'Three seconds.mp4');
    await makeClip(clip, { seconds: 3 });
    const { item } = await session.features.vault.library.importFile(clip);

    const started = await studio.api.live.goLive({
      accountId: creator.id,
      plan: { title: 'Once through', access: { kind: 'public' }, scheduledFor: null },
      setup: {
        source: { kind: 'vault', itemId: item.id, loop: false },
        encoding: { preset: '480p30' },
        videoEncoder: 'libx264',
      },
    });
    const streamId = started.stream!.id;
    // Nobody presses End: the file's end stops the push, then the session ends the stream itself.
    await waitFor(
      'the stream to end with the video',
      () => live.snapshot().phase.state === 'stopped',
      60_000,
    );
    const ended = live.snapshot();
    expect(ended.phase).toEqual({ state: 'stopped', reason: 'The video has played to its end' });
    expect(phases).toEqual(['starting', 'connecting', 'live', 'ending', 'stopped']);
    const onServer = await creator.api.live.get.query({ id: streamId });
    expect(onServer.status).toBe(ingest.inTest ? 'cancelled' : 'ended');
    expect(ended.recording?.title).toBe('Once through');
    const recorded = await createEncoder().media.probe(ended.recording!.path);
    expect(recorded.durationMs).toBeGreaterThan(2_000);
    expect(recorded.durationMs).toBeLessThan(4_500);
    await expect(studio.api.live.end({ accountId: creator.id })).rejects.toThrow(/no stream on air/);
    server.close();
    clipDir.remove();
  });
});
