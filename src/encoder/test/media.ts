import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

/** A temp folder for one test file, removed by the returned cleanup. */
export function scratchFolder(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mesi-encoder-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ClipOptions {
  readonly width?: number;
  readonly height?: number;
  readonly seconds?: number;
  readonly rate?: number;
  /** No audio track (default: a 440 Hz sine). */
  readonly silent?: boolean;
  /** Container tags written into the file (title, location, …), to check they are stripped. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Video codec (default libx264 ultrafast: generating must be cheap). */
  readonly videoArgs?: readonly string[];
  /** Extra output arguments (e.g. `-movflags +faststart`). */
  readonly extra?: readonly string[];
  /** A phone's rotation tag (degrees), written by a second pass: ffmpeg 5 sets it only when copying streams. */
  readonly rotate?: number;
}

/** A clip made by ffmpeg from `testsrc2` and `sine`, never a committed fixture. */
export async function makeClip(file: string, options: ClipOptions = {}): Promise<string> {
  const { width = 640, height = 360, seconds = 3, rate = 30 } = options;
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${rate}`];
  if (!options.silent) args.push('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100');
  args.push('-t', String(seconds));
  args.push(...(options.videoArgs ?? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']));
  if (!options.silent) args.push('-c:a', 'aac', '-b:a', '96k');
  for (const [key, value] of Object.entries(options.tags ?? {})) args.push('-metadata', `${key}=${value}`);
  if (options.rotate === undefined) {
    await run('ffmpeg', [...args, ...(options.extra ?? []), file]);
    return file;
  }
  const unrotated = `${file}.unrotated.mp4`;
  await run('ffmpeg', [...args, unrotated]);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    unrotated,
    '-c',
    'copy',
    '-metadata:s:v:0',
    `rotate=${options.rotate}`,
    file,
  ]);
  rmSync(unrotated);
  return file;
}

/** A sound-only file (sine), e.g. `.m4a`, `.mp3`, `.wav`. */
export async function makeTone(
  file: string,
  seconds = 3,
  tags: Record<string, string> = {},
): Promise<string> {
  const args = [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100',
    '-t',
    String(seconds),
  ];
  for (const [key, value] of Object.entries(tags)) args.push('-metadata', `${key}=${value}`);
  await run('ffmpeg', [...args, file]);
  return file;
}

const probeSchema = z.object({
  streams: z.array(
    z.object({
      codec_type: z.string(),
      codec_name: z.string().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
      pix_fmt: z.string().optional(),
      sample_rate: z.string().optional(),
      bit_rate: z.string().optional(),
      duration: z.string().optional(),
      tags: z.record(z.string(), z.string()).optional(),
    }),
  ),
  format: z.object({
    format_name: z.string(),
    duration: z.string().optional(),
    tags: z.record(z.string(), z.string()).optional(),
  }),
  chapters: z.array(z.unknown()).optional(),
});

/** ffprobe's own report, for tests to check outputs independently of the adapter's probe. */
export async function ffprobeJson(file: string) {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    '-show_chapters',
    file,
  ]);
  return probeSchema.parse(JSON.parse(stdout));
}

/** The names of the files in `dir`, sorted (to check no partial file is left). */
export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** The types of an MP4's top-level boxes in file order (`ftyp`, `moov`, `mdat`, …): faststart puts moov first. */
export function topLevelBoxes(file: string): string[] {
  const bytes = readFileSync(file);
  const types: string[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    const size32 = bytes.readUInt32BE(offset);
    const size =
      size32 === 1
        ? Number(bytes.readBigUInt64BE(offset + 8))
        : size32 === 0
          ? bytes.length - offset
          : size32;
    types.push(bytes.toString('latin1', offset + 4, offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return types;
}

/** Processes whose command line mentions `text` (an ffmpeg still writing into a test's folder). */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(text)) found.push(Number(pid));
    } catch {
      // ended meanwhile
    }
  }
  return found.filter((pid) => pid !== process.pid);
}
