import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_PRESETS } from '@shared/domain/live/presets';
import { ffprobeJson, makeClip, scratchFolder } from '../test/media';
import { LivePush, LivePushSettingsError } from './live-push';
import { recordPush, waitFor } from './test/push-events';
import { firstFlvBytes, RtmpRelay } from './test/rtmp-relay';

const scratch = scratchFolder('live-push');
let relay: RtmpRelay;

beforeAll(async () => {
  relay = await RtmpRelay.start(scratch.dir);
});
afterAll(async () => {
  await relay.down();
  scratch.cleanup();
});

const settings = LIVE_PRESETS['480p30'].settings;

describe('live push to a real RTMP server', () => {
  it('pushes the test pattern live, reports stats and health, and leaves a playable recording on a clean stop', async () => {
    const push = new LivePush({
      source: { kind: 'test-pattern' },
      settings,
      ingestUrl: relay.ingestUrl('pattern'),
      recording: { folder: scratch.dir, name: 'pattern' },
    });
    const { states, stats } = recordPush(push);
    push.start();
    await waitFor(push, () => push.state.kind === 'live', 'the push to go live');
    // The relay has the stream: its publish event fired and its HTTP-FLV output plays.
    expect(relay.published).toContain('/live/pattern');
    expect((await firstFlvBytes(relay.flvUrl('pattern'))).subarray(0, 3).toString('latin1')).toBe('FLV');
    await waitFor(push, () => (stats.at(-1)?.outTimeMs ?? 0) >= 3000, '3 s pushed');

    const last = stats.at(-1)!;
    expect(last.fps).toBeGreaterThan(0);
    expect(last.frames).toBeGreaterThan(0);
    expect(last.speed).toBeGreaterThan(0);
    expect(last.totalBytes).toBeGreaterThan(0);
    expect(last.bitrateKbps).toBeGreaterThan(0);
    expect(last.droppedFrames).toBeGreaterThanOrEqual(0);
    expect(stats.some((report) => report.cpuPercent !== null && report.cpuPercent > 0)).toBe(true);
    expect(['good', 'warning', 'bad']).toContain(last.health.level);

    const summary = await push.stop();
    expect(summary.state).toEqual({ kind: 'stopped', reason: 'requested' });
    expect(states.map((state) => state.kind)).toEqual(['connecting', 'live', 'stopped']);
    expect(summary.parts).toEqual([`${scratch.dir}/pattern.part1.mkv`]);
    const probe = await ffprobeJson(summary.parts[0]!);
    expect(probe.streams.map((stream) => `${stream.codec_type}:${stream.codec_name}`)).toEqual([
      'video:h264',
      'audio:aac',
    ]);
    expect(probe.streams[0]).toMatchObject({ width: 854, height: 480, pix_fmt: 'yuv420p' });
    expect(probe.streams[1]).toMatchObject({ sample_rate: '48000' });
    const duration = Number(probe.format.duration);
    expect(duration).toBeGreaterThanOrEqual(3);
    expect(duration).toBeLessThan(30);
  });

  it('fails with the reason in words when the camera does not exist, without retrying', async () => {
    const push = new LivePush({
      source: { kind: 'camera', camera: '/dev/video-missing', microphone: null },
      settings,
      ingestUrl: relay.ingestUrl('camera'),
      recording: { folder: scratch.dir, name: 'camera' },
      platform: 'linux',
    });
    const { states } = recordPush(push);
    push.start();
    await waitFor(push, () => push.state.kind === 'failed', 'the push to fail');
    expect(states.map((state) => state.kind)).toEqual(['connecting', 'failed']);
    const state = push.state;
    expect(state.kind === 'failed' && state.reason).toMatch(
      /^Could not open the camera \/dev\/video-missing: .*No such file or directory/,
    );
    expect((await push.stop()).parts).toEqual([]);
  });

  it('stops by itself when a file played once comes to its end', async () => {
    const clip = await makeClip(`${scratch.dir}/clip.mp4`, { seconds: 2 });
    const push = new LivePush({
      source: { kind: 'file', path: clip, loop: false, hasAudio: true },
      settings,
      ingestUrl: relay.ingestUrl('clip'),
      recording: { folder: scratch.dir, name: 'clip' },
    });
    push.start();
    await waitFor(push, () => push.state.kind === 'stopped', 'the file to end');
    expect(push.state).toEqual({ kind: 'stopped', reason: 'ended' });
    expect(push.parts).toHaveLength(1);
    expect(Number((await ffprobeJson(push.parts[0]!)).format.duration)).toBeGreaterThan(1.5);
  });

  it('fails in words when ffmpeg cannot be started', async () => {
    const push = new LivePush({
      ffmpegPath: `${scratch.dir}/no-ffmpeg-here`,
      source: { kind: 'test-pattern' },
      settings,
      ingestUrl: relay.ingestUrl('none'),
      recording: { folder: scratch.dir, name: 'none' },
    });
    push.start();
    await waitFor(push, () => push.state.kind === 'failed', 'the push to fail');
    expect(push.state).toMatchObject({
      reason: expect.stringMatching(/^ffmpeg could not be started: .*ENOENT/),
    });
    expect((await push.stop()).state.kind).toBe('failed');
  });

  it('refuses an ingest address that is not RTMP and a recording name with a path in it', () => {
    const base = { source: { kind: 'test-pattern' } as const, settings };
    expect(
      () =>
        new LivePush({ ...base, ingestUrl: 'http://x/live', recording: { folder: scratch.dir, name: 'a' } }),
    ).toThrow(new LivePushSettingsError('The ingest URL must be an rtmp:// or rtmps:// address'));
    expect(
      () =>
        new LivePush({
          ...base,
          ingestUrl: relay.ingestUrl('a'),
          recording: { folder: scratch.dir, name: '../a' },
        }),
    ).toThrow('The recording name cannot hold');
  });
});
