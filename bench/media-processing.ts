/**
 * Media processing, each beside its bare peer in the same run:
 *
 * (a) A 60 s 1080p30 clip (testsrc2 + sine, made once; BENCH_VIDEO_SECONDS) to the web rendition through the
 *     encoder (`FfmpegEncoder.videoRendition`: input checks, ffprobe, fluent-ffmpeg, progress parsing, temporary
 *     name and rename, the output's probe) and through a bare `ffmpeg` spawned by hand with exactly the same
 *     arguments (`ffmpegArgv` of the job the encoder plans: the one list fluent-ffmpeg is checked against in
 *     ffmpeg-args.test.ts). Alternating rounds (A B B A). Realtime factor = media seconds ÷ wall seconds. Goal:
 *     the pipeline's overhead ≤ 5%. testsrc2 is far easier to encode than camera footage: the factors are high,
 *     the overhead is the figure to read.
 * (b) 24-megapixel JPEGs (6000 × 4000, noise under a gradient and text; BENCH_PHOTOS, default 6) through
 *     `SharpPhotos.renditions` (WebP, JPEG, thumbnail and blurred preview: it always writes the four) beside the
 *     same sharp steps called directly, and the direct WebP + thumbnail alone for reference. A B B A rounds.
 *
 * The machine is shared: each run also reports the CPU it used (ffmpeg's, from the children this process waited
 * for, plus this process's), a figure less sensitive to other load than wall time.
 * Run alone: `npx tsx -e "import('./bench/media-processing.ts').then(m=>m.benchMediaProcessing()).then(console.log)"`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { PHOTO_MAX_PIXELS, THUMB_MAX_SIDE, WEB_PHOTO_MAX_SIDE } from '@shared/domain/media/media';
import { FfmpegEncoder, SharpPhotos, type PhotoOutputs } from '../src/encoder';
import { ffmpegArgv } from '../src/encoder/ffmpeg-args';
import {
  JPEG_QUALITY,
  PREVIEW_BLUR_SIGMA,
  PREVIEW_PHOTO_SIDE,
  THUMB_QUALITY,
  WEBP_QUALITY,
} from '../src/encoder/sharp-photos';

const VIDEO_SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 60);
const PHOTO_COUNT = Number(process.env.BENCH_PHOTOS ?? 6);
const OVERHEAD_GOAL_PERCENT = 5;

const run = promisify(execFile);

// --- CPU time, from /proc (Linux; elsewhere the CPU figures read 0) ----------------------------------------

const TICKS_PER_S = 100;

/** This process's CPU seconds, and its waited-for children's (ffmpeg, ffprobe). */
function cpuSeconds(): { own: number; children: number } {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return {
      own: (fields[11]! + fields[12]!) / TICKS_PER_S,
      children: (fields[13]! + fields[14]!) / TICKS_PER_S,
    };
  } catch {
    return { own: 0, children: 0 };
  }
}

interface Timed {
  readonly seconds: number;
  /** CPU seconds: ffmpeg and ffprobe (children), and this process (Node: fluent-ffmpeg, sharp's threads). */
  readonly childCpu: number;
  readonly ownCpu: number;
}

async function timed(work: () => Promise<unknown>): Promise<Timed> {
  const before = cpuSeconds();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const after = cpuSeconds();
  return { seconds, childCpu: after.children - before.children, ownCpu: after.own - before.own };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A B B A: each side runs first once, so a drift in the machine's load falls on both. */
async function alternate(
  a: () => Promise<Timed>,
  b: () => Promise<Timed>,
): Promise<{ a: Timed[]; b: Timed[] }> {
  const result = { a: [] as Timed[], b: [] as Timed[] };
  result.a.push(await a());
  result.b.push(await b());
  result.b.push(await b());
  result.a.push(await a());
  return result;
}

// --- (a) video ---------------------------------------------------------------------------------------------

async function makeClip(file: string): Promise<void> {
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1920x1080:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    String(VIDEO_SECONDS),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '18',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '192k',
    file,
  ]);
}

function spawnFfmpeg(ffmpeg: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
}

async function videoRendition(dir: string): Promise<Record<string, string>> {
  const clip = join(dir, 'clip-1080p30.mp4');
  const generated = await timed(() => makeClip(clip));
  const encoder = new FfmpegEncoder();
  const { ffmpeg } = encoder.paths();
  const pipelineOut = join(dir, 'pipeline.mp4');
  const bareOut = join(dir, 'bare.mp4');
  // The job the encoder runs, its arguments for the bare ffmpeg: one list, so they cannot drift apart.
  const job = await encoder.planVideoRendition(clip, bareOut);
  const args = ffmpegArgv(job, bareOut);
  const rounds = await alternate(
    () => timed(() => encoder.videoRendition(clip, pipelineOut)),
    () => timed(() => spawnFfmpeg(ffmpeg, args)),
  );
  const pipeline = median(rounds.a.map((r) => r.seconds));
  const bare = median(rounds.b.map((r) => r.seconds));
  const overhead = ((pipeline - bare) / bare) * 100;
  const cpuOf = (runs: Timed[]) => median(runs.map((r) => r.childCpu + r.ownCpu));
  const cpuOverhead = ((cpuOf(rounds.a) - cpuOf(rounds.b)) / cpuOf(rounds.b)) * 100;
  const list = (runs: Timed[]) => runs.map((r) => `${r.seconds.toFixed(1)} s`).join(', ');
  const label = `web rendition, ${VIDEO_SECONDS} s 1080p30 testsrc2 + sine (x264 ${args[args.indexOf('-preset') + 1]} crf ${args[args.indexOf('-crf') + 1]})`;
  return {
    [`${label}: through the encoder (videoRendition)`]: `${(VIDEO_SECONDS / pipeline).toFixed(2)}× realtime (median ${pipeline.toFixed(1)} s; runs ${list(rounds.a)}; CPU ${cpuOf(rounds.a).toFixed(1)} s)`,
    [`${label}: bare ffmpeg, same arguments`]: `${(VIDEO_SECONDS / bare).toFixed(2)}× realtime (median ${bare.toFixed(1)} s; runs ${list(rounds.b)}; CPU ${cpuOf(rounds.b).toFixed(1)} s)`,
    [`  encoder overhead [goal ≤ ${OVERHEAD_GOAL_PERCENT}%]`]: `${overhead.toFixed(1)}% wall (${overhead <= OVERHEAD_GOAL_PERCENT ? 'meets' : 'misses'}), ${cpuOverhead.toFixed(1)}% CPU`,
    [`  clip`]: `${(statSync(clip).size / 1e6).toFixed(1)} MB, made in ${generated.seconds.toFixed(1)} s; rendition ${(statSync(pipelineOut).size / 1e6).toFixed(1)} MB`,
  };
}

// --- (b) photos --------------------------------------------------------------------------------------------

async function makePhoto(file: string, index: number): Promise<void> {
  const width = 6000;
  const height = 4000;
  const overlay = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
      `<stop offset="0" stop-color="#f0a040" stop-opacity="0.7"/><stop offset="1" stop-color="#2040a0" stop-opacity="0.7"/>` +
      `</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>` +
      `<text x="300" y="2000" font-size="400" font-family="DejaVu Sans" fill="#ffffff">Mesi bench photo ${index}</text></svg>`,
  );
  await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 24 },
    },
  })
    .composite([{ input: overlay }])
    .jpeg({ quality: 90 })
    .toFile(file);
}

function outputsFor(dir: string, side: string, i: number): PhotoOutputs {
  const folder = join(dir, side, String(i));
  mkdirSync(folder, { recursive: true });
  return {
    webp: join(folder, 'full.webp'),
    jpeg: join(folder, 'full.jpg'),
    thumb: join(folder, 'thumb.webp'),
    preview: join(folder, 'preview.webp'),
  };
}

/** The adapter's steps, written against sharp directly: decode once, upright, web size, then the encodes. */
async function directRenditions(file: string, files: PhotoOutputs, all: boolean): Promise<void> {
  const web = await sharp(file, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'truncated' })
    .rotate()
    .resize({
      width: WEB_PHOTO_MAX_SIDE,
      height: WEB_PHOTO_MAX_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: web.info.width, height: web.info.height, channels: web.info.channels } };
  const small = {
    width: THUMB_MAX_SIDE,
    height: THUMB_MAX_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  } as const;
  const writes = [
    sharp(web.data, raw).webp({ quality: WEBP_QUALITY }).toFile(files.webp),
    sharp(web.data, raw).resize(small).webp({ quality: THUMB_QUALITY }).toFile(files.thumb),
  ];
  if (all) {
    writes.push(
      sharp(web.data, raw)
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: JPEG_QUALITY })
        .toFile(files.jpeg),
      sharp(web.data, raw)
        .resize({
          width: PREVIEW_PHOTO_SIDE,
          height: PREVIEW_PHOTO_SIDE,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .blur(PREVIEW_BLUR_SIGMA)
        .webp({ quality: 60 })
        .toFile(files.preview),
    );
  }
  await Promise.all(writes);
}

async function photoRenditions(dir: string): Promise<Record<string, string>> {
  const inputs: string[] = [];
  const generated = await timed(async () => {
    for (let i = 0; i < PHOTO_COUNT; i++) {
      const file = join(dir, `photo-${i}.jpg`);
      await makePhoto(file, i);
      inputs.push(file);
    }
  });
  const photos = new SharpPhotos();
  const each = (work: (file: string, i: number) => Promise<unknown>) => () =>
    timed(async () => {
      for (const [i, file] of inputs.entries()) await work(file, i);
    });
  const rounds = await alternate(
    each((file, i) => photos.renditions(file, outputsFor(dir, 'pipeline', i))),
    each((file, i) => directRenditions(file, outputsFor(dir, 'direct', i), true)),
  );
  const twoOnly = await each((file, i) => directRenditions(file, outputsFor(dir, 'direct-2', i), false))();
  const rate = (runs: Timed[]) => PHOTO_COUNT / median(runs.map((r) => r.seconds));
  const pipeline = rate(rounds.a);
  const direct = rate(rounds.b);
  const list = (runs: Timed[]) => runs.map((r) => (PHOTO_COUNT / r.seconds).toFixed(2)).join(', ');
  const megabytes = inputs.reduce((sum, file) => sum + statSync(file).size, 0) / inputs.length / 1e6;
  const label = `photos, ${PHOTO_COUNT} × 24 MP JPEG (6000 × 4000, ${megabytes.toFixed(1)} MB each)`;
  return {
    [`${label}: SharpPhotos.renditions (WebP + JPEG + thumb + blurred preview)`]: `${pipeline.toFixed(2)} photos/s (runs ${list(rounds.a)})`,
    [`${label}: the same sharp steps called directly`]: `${direct.toFixed(2)} photos/s (runs ${list(rounds.b)}); adapter overhead ${(((direct - pipeline) / direct) * 100).toFixed(1)}%`,
    [`${label}: direct, WebP + thumb only`]: `${(PHOTO_COUNT / twoOnly.seconds).toFixed(2)} photos/s`,
    [`  photos made in`]: `${generated.seconds.toFixed(1)} s`,
  };
}

export async function benchMediaProcessing(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'mesi-bench-media-'));
  const load = loadavg()[0]!.toFixed(2);
  try {
    const video = await videoRendition(dir);
    const photos = await photoRenditions(dir);
    return {
      ...video,
      ...photos,
      [`media processing: load average at start / end`]: `${load} / ${loadavg()[0]!.toFixed(2)}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchMediaProcessing());
