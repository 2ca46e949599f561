import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIVE_PRESETS } from '@shared/domain/live/presets';
import { ffprobeJson, scratchFolder } from '../test/media';
import { LivePush } from './live-push';
import { joinRecordingParts } from './recording-parts';
import { recordPush, waitFor } from './test/push-events';
import { RtmpRelay } from './test/rtmp-relay';

const scratch = scratchFolder('live-reconnect');
let relay: RtmpRelay;

beforeAll(async () => {
  relay = await RtmpRelay.start(scratch.dir);
});
afterAll(async () => {
  await relay.down();
  scratch.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('reconnects by itself when the RTMP server restarts, recording each attempt into a part that joins into one file', async () => {
  const push = new LivePush({
    source: { kind: 'test-pattern' },
    settings: LIVE_PRESETS['480p30'].settings,
    ingestUrl: relay.ingestUrl('show'),
    recording: { folder: scratch.dir, name: 'show' },
  });
  const { states, stats } = recordPush(push);
  push.start();
  await waitFor(push, () => (stats.at(-1)?.outTimeMs ?? 0) >= 2000, '2 s pushed');

  await relay.down();
  await waitFor(push, () => push.state.kind === 'reconnecting', 'the push to notice the drop');
  const dropped = push.state;
  expect(dropped).toMatchObject({ kind: 'reconnecting', attempt: 1 });
  expect(dropped.kind === 'reconnecting' && dropped.reason).toMatch(/^The connection to the server was lost/);
  expect(dropped.kind === 'reconnecting' && dropped.reason).not.toContain('test-key');
  await sleep(1500);
  await relay.up();

  const liveAgain = () => states.filter((state) => state.kind === 'live').length === 2;
  await waitFor(push, liveAgain, 'the push to be live again', 45_000);
  await waitFor(push, () => (stats.at(-1)?.outTimeMs ?? 0) >= 2000, '2 s pushed after the restart');
  const summary = await push.stop();

  const kinds = states.map((state) => state.kind);
  expect(kinds.slice(0, 3)).toEqual(['connecting', 'live', 'reconnecting']);
  expect(kinds.slice(-2)).toEqual(['live', 'stopped']);
  expect(relay.published.filter((path) => path === '/live/show')).toHaveLength(2);
  // Tries while the server was down recorded nothing and left no file: two parts, in order.
  expect(summary.parts).toEqual([`${scratch.dir}/show.part1.mkv`, `${scratch.dir}/show.part2.mkv`]);

  const durations = await Promise.all(
    summary.parts.map(async (part) => Number((await ffprobeJson(part)).format.duration)),
  );
  for (const duration of durations) expect(duration).toBeGreaterThanOrEqual(1.5);
  const joined = `${scratch.dir}/show.mkv`;
  await joinRecordingParts('ffmpeg', summary.parts, joined);
  const probe = await ffprobeJson(joined);
  expect(probe.streams.map((stream) => stream.codec_type)).toEqual(['video', 'audio']);
  const total = durations[0]! + durations[1]!;
  expect(Number(probe.format.duration)).toBeGreaterThan(total - 0.5);
  expect(Number(probe.format.duration)).toBeLessThan(total + 0.5);
});

it('comes back by itself after ffmpeg is killed mid-push, and the killed part still plays', async () => {
  const push = new LivePush({
    source: { kind: 'test-pattern' },
    settings: LIVE_PRESETS['480p30'].settings,
    ingestUrl: relay.ingestUrl('crash'),
    recording: { folder: scratch.dir, name: 'crash' },
  });
  const { states, stats } = recordPush(push);
  push.start();
  await waitFor(push, () => (stats.at(-1)?.outTimeMs ?? 0) >= 2000, '2 s pushed');
  process.kill(push.ffmpegPid!, 'SIGKILL');
  await waitFor(push, () => push.state.kind === 'reconnecting', 'the crash to be noticed');
  expect(push.state).toMatchObject({ reason: 'The encoder stopped unexpectedly (SIGKILL)' });
  await waitFor(
    push,
    () => states.filter((state) => state.kind === 'live').length === 2,
    'live again',
    30_000,
  );
  const summary = await push.stop();
  expect(summary.parts).toHaveLength(2);

  // Matroska written as it goes (clusters of at most 1 s): the killed part has no index nor duration, yet all
  // but its last cluster reads back.
  const { stdout } = await promisify(execFile)('ffprobe', [
    '-v',
    'error',
    '-count_packets',
    '-show_entries',
    'stream=codec_type,nb_read_packets',
    '-of',
    'csv=p=0',
    summary.parts[0]!,
  ]);
  const packets = Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split(',')),
  );
  expect(Number(packets.video)).toBeGreaterThanOrEqual(30);
  expect(Number(packets.audio)).toBeGreaterThan(0);
});
