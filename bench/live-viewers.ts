/**
 * Concurrent viewers of one 2.5 Mbit/s stream before any viewer falls behind real time, side by side in one
 * run: ours (a bench server's relay: HTTP-FLV, each viewer with its own playback token from `live.watch`),
 * nginx with Debian's `libnginx-mod-rtmp` over RTMP play (bench/peers/nginx-rtmp.ts; its module has no
 * HTTP-FLV), and bare node-media-server 4.4.3 HTTP-FLV without our checks (bench/peers/
 * live-bare-node-media-server.ts). The same source feeds all three: a clip made once with the studio's 720p30
 * preset (x264, 2.5 Mbit/s; BENCH_VIEWERS_CLIP seconds, default 20), pushed in a loop at its own pace by
 * `ffmpeg -re -stream_loop -1 -c copy` to each server for the whole run (the same background for every side).
 *
 * Viewers are light readers in this process (bench/fixtures/live-viewers.ts: bytes parsed for the media
 * timestamps, nothing decoded). Each step opens N viewers, lets them settle (the relay's cached GOP arrives at
 * once), then over BENCH_VIEWERS_STEP seconds (default 6) compares each viewer's media time with the wall
 * clock: a viewer more than 0.5 s behind, or cut, has fallen behind. Steps (BENCH_VIEWERS_STEPS, default
 * 25,50,100,200,400,800) go up until one falls behind; the count is the last step where none did. Goals (issue
 * 17): ≥ 1.0× nginx-rtmp and ≥ 0.9× bare node-media-server. On one machine the viewers share the cores with
 * the server: the counts are for comparing the three, not a capacity.
 *
 * Run alone: `npm run bench -- "live viewers"`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LIVE_PRESETS, liveOutputArgs } from '@shared/domain/live/presets';
import { cpuSecondsOf } from './support/cpu';
import { startChild } from './support/process';
import type { LiveServer } from './fixtures/live-server';
import { goLive, stopProcess, watch } from './fixtures/live-stream';
import { flvViewer, rtmpViewer, type Viewer } from './fixtures/live-viewers';
import { nginxRtmpMissing, startNginxRtmp } from './peers/nginx-rtmp';

const CLIP_S = Number(process.env.BENCH_VIEWERS_CLIP ?? 20);
const STEP_S = Number(process.env.BENCH_VIEWERS_STEP ?? 6);
const SETTLE_S = 3;
const STEPS = (process.env.BENCH_VIEWERS_STEPS ?? '25,50,100,200,400,800').split(',').map(Number);
const BEHIND_MS = 500;
const GOAL = { ofNginx: 1.0, ofBare: 0.9 };

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function makeClip(file: string): Promise<void> {
  const { settings } = LIVE_PRESETS['720p30'];
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(CLIP_S),
    ...liveOutputArgs(settings, 'libx264'),
    '-f',
    'flv',
    file,
  ]);
}

function loopPush(clip: string, url: string): ChildProcess {
  return spawn(
    'ffmpeg',
    [
      '-v',
      'error',
      '-re',
      '-stream_loop',
      '-1',
      '-i',
      clip,
      '-c',
      'copy',
      '-f',
      'flv',
      '-flvflags',
      'no_duration_filesize',
      url,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

interface Step {
  readonly count: number;
  readonly behind: number;
  readonly firstReason: string | null;
  /** The server's processes' CPU over the measured window, in cores (CPU seconds per second). */
  readonly serverCores: number;
  /** This process's (the viewers') CPU over the window, in cores: near 1, they are what limits the step. */
  readonly viewersCores: number;
}

/** A side: how to open one of its viewers, and its server's processes (for their CPU). */
interface Side {
  readonly open: (index: number) => Viewer | Promise<Viewer>;
  readonly serverPids: () => readonly number[];
}

const serverCpu = (side: Side) => side.serverPids().reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);

/** N viewers from `open`, settled, then measured over STEP_S: how many fell behind, and the server's CPU. */
async function step(count: number, side: Side): Promise<Step> {
  const { open } = side;
  const viewers: Viewer[] = [];
  try {
    for (let start = 0; start < count; start += 50) {
      const batch = Array.from({ length: Math.min(50, count - start) }, (_, k) => open(start + k));
      viewers.push(...(await Promise.all(batch)));
    }
    await sleep(SETTLE_S * 1000);
    const wall0 = performance.now();
    const cpu0 = serverCpu(side);
    const own0 = process.cpuUsage();
    const media0 = viewers.map((v) => v.mediaMs());
    await sleep(STEP_S * 1000);
    const wall = performance.now() - wall0;
    const serverCores = (serverCpu(side) - cpu0) / (wall / 1000);
    const own = process.cpuUsage(own0);
    const viewersCores = (own.user + own.system) / 1000 / wall;
    let behind = 0;
    let firstReason: string | null = null;
    viewers.forEach((viewer, i) => {
      const failure = viewer.failure();
      const progress = viewer.mediaMs() - media0[i]!;
      const reason =
        failure ??
        (media0[i]! < 0
          ? 'no media before the step'
          : wall - progress > BEHIND_MS
            ? `${((wall - progress) / 1000).toFixed(1)} s behind`
            : null);
      if (reason) {
        behind++;
        firstReason ??= reason;
      }
    });
    return { count, behind, firstReason, serverCores, viewersCores };
  } finally {
    for (const viewer of viewers) viewer.close();
    await sleep(500);
  }
}

interface Capacity {
  /** The most viewers of a step where none fell behind (0: not even the first step). */
  readonly kept: number;
  readonly reachedEnd: boolean;
  readonly failedStep: Step | null;
  /** The steps where none fell behind. */
  readonly keptSteps: readonly Step[];
}

async function capacity(side: Side): Promise<Capacity> {
  let kept = 0;
  const keptSteps: Step[] = [];
  for (const count of STEPS) {
    const result = await step(count, side);
    console.log(
      `    ${count} viewers: ${result.behind} behind${result.firstReason ? ` (${result.firstReason})` : ''}, ` +
        `server ${result.serverCores.toFixed(2)} cores, viewers ${result.viewersCores.toFixed(2)} cores`,
    );
    if (result.behind > 0) return { kept, reachedEnd: false, failedStep: result, keptSteps };
    kept = count;
    keptSteps.push(result);
  }
  return { kept, reachedEnd: true, failedStep: null, keptSteps };
}

function describe(result: Capacity): string {
  const last = result.keptSteps.at(-1);
  const cpu = last ? `; server ${last.serverCores.toFixed(2)} cores at ${last.count}` : '';
  if (result.reachedEnd) return `≥ ${result.kept} viewers (none fell behind at the largest step${cpu})`;
  const failed = result.failedStep!;
  const load = `server ${failed.serverCores.toFixed(2)} cores, viewers ${failed.viewersCores.toFixed(2)}`;
  return `${result.kept} viewers (at ${failed.count}: ${failed.behind} fell behind, e.g. ${failed.firstReason}, ${load}${cpu})`;
}

/**
 * The server CPU each side spent per viewer at the largest step both kept: when the viewers' own process (on
 * the same 2 cores) is what stops every side at the same step, this still tells how far apart the servers are.
 */
function cpuPerViewer(ours: Capacity, theirs: Capacity): string {
  const shared = [...ours.keptSteps]
    .reverse()
    .find((step) => theirs.keptSteps.some((other) => other.count === step.count));
  if (!shared) return 'no step kept by both';
  const other = theirs.keptSteps.find((step) => step.count === shared.count)!;
  const perViewer = (step: Step) => (step.serverCores * 1000) / step.count;
  return (
    `at ${shared.count} viewers: ours ${perViewer(shared).toFixed(2)} ms of CPU per viewer-second, ` +
    `the peer ${perViewer(other).toFixed(2)} (ours costs ${(shared.serverCores / other.serverCores).toFixed(2)}× the peer's CPU)`
  );
}

function ratio(ours: Capacity, theirs: Capacity, goal: number): string {
  if (theirs.kept === 0) return 'no ratio (the peer kept no step)';
  if (ours.reachedEnd && theirs.reachedEnd) return 'undecided: both kept the largest step (add larger steps)';
  const value = ours.kept / theirs.kept;
  const bound = ours.reachedEnd ? ' or more' : theirs.reachedEnd ? ' or less' : '';
  return `${value.toFixed(2)}×${bound} [goal ≥ ${goal}×: ${value >= goal ? 'meets' : 'misses'}]`;
}

export async function benchLiveViewers(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'mesi-bench-viewers-'));
  const clip = join(dir, 'source-720p30.flv');
  await makeClip(clip);
  const ours = await startChild<LiveServer>('bench/fixtures/live-server.ts');
  const bare = await startChild<{ rtmpPort: number; httpPort: number; pid: number }>(
    'bench/peers/live-bare-node-media-server.ts',
  );
  const nginxMissing = nginxRtmpMissing();
  const nginx = nginxMissing ? null : await startNginxRtmp();
  const pushes = [
    loopPush(clip, await goLive(ours.ready)),
    loopPush(clip, `rtmp://127.0.0.1:${bare.ready.rtmpPort}/live/bench`),
    ...(nginx ? [loopPush(clip, `rtmp://127.0.0.1:${nginx.port}/live/bench`)] : []),
  ];
  try {
    await watch(ours.ready);
    await sleep(2_000);
    const label = `live viewers of one 2.5 Mbit/s stream (steps ${STEPS.join(', ')}; ${STEP_S} s each)`;
    console.log('  ours, HTTP-FLV with a token each:');
    const oursCapacity = await capacity({
      open: async () => flvViewer((await watch(ours.ready)).flv),
      serverPids: () => [ours.ready.pid],
    });
    console.log('  bare node-media-server, HTTP-FLV:');
    const bareCapacity = await capacity({
      open: () => flvViewer(`http://127.0.0.1:${bare.ready.httpPort}/live/bench.flv`),
      serverPids: () => [bare.ready.pid],
    });
    const results: Record<string, string> = {
      [`${label}: ours, HTTP-FLV with token checks`]: describe(oursCapacity),
      [`${label}: bare node-media-server HTTP-FLV`]: describe(bareCapacity),
    };
    if (nginx) {
      console.log('  nginx-rtmp, RTMP play:');
      const nginxCapacity = await capacity({
        open: () => rtmpViewer(nginx.port, 'live', 'bench'),
        serverPids: nginx.pids,
      });
      results[`${label}: nginx + libnginx-mod-rtmp, RTMP play (1 worker)`] = describe(nginxCapacity);
      results['  ours ÷ nginx-rtmp'] = ratio(oursCapacity, nginxCapacity, GOAL.ofNginx);
      results['  server CPU, ours beside nginx-rtmp'] = cpuPerViewer(oursCapacity, nginxCapacity);
    } else {
      results[`${label}: nginx + libnginx-mod-rtmp`] = `skipped: ${nginxMissing}`;
    }
    results['  ours ÷ bare node-media-server'] = ratio(oursCapacity, bareCapacity, GOAL.ofBare);
    results['  server CPU, ours beside bare node-media-server'] = cpuPerViewer(oursCapacity, bareCapacity);
    return results;
  } finally {
    await Promise.all(pushes.map(stopProcess));
    await nginx?.stop();
    await bare.stop();
    await ours.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
