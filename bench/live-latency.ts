/**
 * Glass-to-glass latency on loopback, HTTP-FLV and HLS in one run. A bench server (its relay: node-media-server
 * with key checks, HTTP-FLV with playback tokens, HLS by ffmpeg's transmux) receives the studio's 720p30
 * preset pushed by ffmpeg from a test pattern stamped with the encoder's wall clock at capture
 * (bench/fixtures/live-stream.ts). A reader, ffmpeg decoding the stream from the viewer's tokened URL
 * (`-fflags nobuffer`), hands each decoded frame's stamp strip to this process, which reads the stamp and
 * takes the difference to its own wall clock: the figure includes encoding (x264 veryfast zerolatency), the
 * RTMP push, the relay, HTTP-FLV delivery or HLS transmux into 1 s segments, the playlist's polling and the
 * decode; it does not include a web player's buffer (mpegts.js holds little; hls.js by default stays about 3
 * segments behind the live edge, so add up to ~3 s to the HLS figure for a browser). FLV is read first, then
 * HLS (from the newest segment, `-live_start_index -1`); the first BENCH_LATENCY_WARMUP seconds (default 4) of
 * each are left out (the relay's GOP cache arrives at once), then BENCH_LATENCY_SECONDS (default 20) measured.
 * Goals (issue 17): HTTP-FLV p50 ≤ 1.0 s, HLS ≤ 4 s.
 *
 * Run alone: `npm run bench -- "live latency"`.
 */
import { spawn } from 'node:child_process';
import { startChild } from './support/process';
import type { LiveServer } from './fixtures/live-server';
import {
  goLive,
  readStamp,
  startStampedPush,
  STAMP_STRIP,
  stopProcess,
  wallClockMs,
  watch,
} from './fixtures/live-stream';

const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 20);
const WARMUP_S = Number(process.env.BENCH_LATENCY_WARMUP ?? 4);
const GOAL_MS = { flv: 1_000, hls: 4_000 };

interface Latencies {
  readonly values: number[];
  readonly frames: number;
  readonly unreadable: number;
  readonly failure: string | null;
}

/** Reads `url` with ffmpeg for WARMUP_S + SECONDS and measures each decoded frame's delay. */
function measure(url: string, inputArgs: string[]): Promise<Latencies> {
  const strip = STAMP_STRIP.width * STAMP_STRIP.height;
  const reader = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-v',
      'error',
      '-fflags',
      'nobuffer',
      '-flags',
      'low_delay',
      ...inputArgs,
      '-i',
      url,
      '-an',
      '-vf',
      `crop=${STAMP_STRIP.width}:${STAMP_STRIP.height}:0:0`,
      '-pix_fmt',
      'gray',
      '-f',
      'rawvideo',
      'pipe:1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  reader.stderr.setEncoding('utf8');
  reader.stderr.on('data', (text: string) => (stderr = (stderr + text).slice(-2_000)));
  const values: number[] = [];
  let frames = 0;
  let unreadable = 0;
  let firstFrameAt: number | null = null;
  let pending: Buffer = Buffer.alloc(0);
  reader.stdout.on('data', (chunk: Buffer) => {
    const now = wallClockMs();
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= strip) {
      const frame = pending.subarray(0, strip);
      pending = pending.subarray(strip);
      firstFrameAt ??= now;
      if (now - firstFrameAt < WARMUP_S * 1000) continue;
      frames++;
      const stamp = readStamp(frame, now);
      if (stamp === null) unreadable++;
      else values.push(now - stamp);
    }
  });
  return new Promise((resolve) => {
    // The window starts at the first frame; a reader that never gets one gives up after the warm-up and more.
    const deadline = setTimeout(() => reader.kill('SIGTERM'), (WARMUP_S + SECONDS + 20) * 1000);
    const check = setInterval(() => {
      if (firstFrameAt !== null && wallClockMs() - firstFrameAt >= (WARMUP_S + SECONDS) * 1000) {
        reader.kill('SIGTERM');
      }
    }, 100);
    reader.once('exit', () => {
      clearTimeout(deadline);
      clearInterval(check);
      const failure =
        values.length === 0 ? stderr.trim().split('\n').slice(-2).join(' ') || 'no frame' : null;
      resolve({ values, frames, unreadable, failure });
    });
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function describe(result: Latencies, goalMs: number): string {
  if (result.failure) return `failed: ${result.failure}`;
  const p50 = percentile(result.values, 50);
  const p95 = percentile(result.values, 95);
  const unread = result.unreadable ? `, ${result.unreadable} unreadable` : '';
  return (
    `p50 ${(p50 / 1000).toFixed(2)} s, p95 ${(p95 / 1000).toFixed(2)} s [goal p50 ≤ ${goalMs / 1000} s: ` +
    `${p50 <= goalMs ? 'meets' : 'misses'}] (${result.values.length} frames${unread})`
  );
}

export async function benchLiveLatency(): Promise<Record<string, string>> {
  const server = await startChild<LiveServer>('bench/fixtures/live-server.ts');
  const push = startStampedPush(await goLive(server.ready));
  try {
    const playback = await watch(server.ready);
    const flv = await measure(playback.flv, []);
    const hls = await measure(playback.hls, ['-live_start_index', '-1']);
    const label = `live latency, glass to glass on loopback (720p30 x264 push, ${SECONDS} s each)`;
    return {
      [`${label}: HTTP-FLV with token`]: describe(flv, GOAL_MS.flv),
      [`${label}: HLS (1 s segments)`]: describe(hls, GOAL_MS.hls),
      [`  what it includes`]:
        'encode, RTMP push, relay, delivery (HLS: transmux, segment, playlist polling), decode; not a web player’s buffer',
    };
  } finally {
    await stopProcess(push);
    await server.stop();
  }
}
