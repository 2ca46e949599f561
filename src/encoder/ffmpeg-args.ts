import { extname } from 'node:path';
import { WEB_VIDEO_MAX_HEIGHT } from '@shared/domain/media/media';

/**
 * Every ffmpeg command the encoder runs, as plain data built by pure functions: the runner hands it to
 * fluent-ffmpeg, the benchmark hands `ffmpegArgv` of the very same job to a bare ffmpeg, and a test checks that
 * fluent-ffmpeg's argument list is exactly `ffmpegArgv`. Nothing here knows fluent-ffmpeg.
 */

export interface FfmpegInput {
  readonly source: string;
  /** Options before its `-i` (seeking, global options on the first input). */
  readonly options: readonly string[];
}

export interface FfmpegJob {
  readonly inputs: readonly FfmpegInput[];
  /** Everything after the inputs, before the output path. */
  readonly outputOptions: readonly string[];
  /** The output's expected length for the progress bar; null when unknown (or a still image). */
  readonly totalMs: number | null;
}

/** The argument list ffmpeg runs with for `job` writing `output` (the order fluent-ffmpeg gives them). */
export function ffmpegArgv(job: FfmpegJob, output: string): string[] {
  return [
    ...job.inputs.flatMap((input) => [...input.options, '-i', input.source]),
    '-y',
    ...job.outputOptions,
    output,
  ];
}

/**
 * Global options, placed first: no banner or stdin, progress as `key=value` blocks on stderr (the only stream
 * fluent-ffmpeg hands over line by line) instead of the stats line.
 */
export const GLOBAL_OPTIONS = [
  '-hide_banner',
  '-nostdin',
  '-nostats',
  '-progress',
  'pipe:2',
  // Four reports a second: a smooth bar on short jobs, still nothing next to the encoding itself.
  '-stats_period',
  '0.25',
] as const;

/** Metadata the source carried (title, location, device, dates, chapters) is never copied to an output. */
export const STRIP_METADATA = [
  '-map_metadata',
  '-1',
  '-map_metadata:s:v',
  '-1',
  '-map_metadata:s:a',
  '-1',
  '-map_chapters',
  '-1',
  // No "encoder=Lavf…" tag either: the output says nothing of where it was made.
  '-fflags',
  '+bitexact',
] as const;

/**
 * Frames keep their own timestamps (only same-timestamp duplicates dropped). The MP4 muxer's default is constant
 * frame rate, which fills every gap with copies: a few frames hours apart (a 60 KB "duration bomb") would become
 * millions of encoded frames.
 */
export const KEEP_FRAME_TIMING = ['-fps_mode', 'vfr'] as const;

/** The web rendition's quality settings. */
export const WEB_CRF = 23;
export const WEB_AUDIO = ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'] as const;
export const PREVIEW_CRF = 28;
export const PREVIEW_AUDIO = ['-c:a', 'aac', '-b:a', '96k', '-ar', '48000', '-ac', '2'] as const;
export const AUDIO_RENDITION = ['-c:a', 'aac', '-b:a', '192k', '-ar', '48000'] as const;

/** The web rendition's box: 1920 × 1080 for landscape, 1080 × 1920 for portrait (a phone's 1080p). */
export const WEB_VIDEO_BOX = {
  short: WEB_VIDEO_MAX_HEIGHT,
  long: Math.round((WEB_VIDEO_MAX_HEIGHT * 16) / 9),
};

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The even number nearest `n` (H.264 in 4:2:0 needs even sides), never above `limit`. */
const even = (n: number, limit: number) =>
  Math.max(2, Math.min(2 * Math.round(n / 2), 2 * Math.floor(limit / 2)));

/** The largest size within `maxWidth` × `maxHeight` keeping the aspect, never larger than `size`, both even. */
export function fitWithin(size: Size, maxWidth: number, maxHeight: number): Size {
  const scale = Math.min(1, maxWidth / size.width, maxHeight / size.height);
  return {
    width: even(size.width * scale, Math.min(size.width, maxWidth)),
    height: even(size.height * scale, Math.min(size.height, maxHeight)),
  };
}

/** The web rendition's size: within the 1080p box for its orientation. */
export function webSize(size: Size): Size {
  return size.width >= size.height
    ? fitWithin(size, WEB_VIDEO_BOX.long, WEB_VIDEO_BOX.short)
    : fitWithin(size, WEB_VIDEO_BOX.short, WEB_VIDEO_BOX.long);
}

/** A strong blur scaled to the picture, within what boxblur allows for the half-size chroma planes. */
export function boxblurFor(size: Size): string {
  const luma = Math.max(2, Math.floor(Math.min(size.width, size.height) / 20));
  const chroma = Math.max(
    1,
    Math.min(Math.floor(luma / 2), Math.floor(Math.min(size.width, size.height) / 4) - 1),
  );
  return `boxblur=luma_radius=${luma}:luma_power=2:chroma_radius=${chroma}:chroma_power=2`;
}

/** The muxer for an output path: `.m4a` as `ipod` so its brand says audio. */
export function formatFor(output: string): string[] {
  const format = ({ '.mp4': 'mp4', '.m4v': 'mp4', '.m4a': 'ipod', '.mov': 'mov' } as Record<string, string>)[
    extname(output).toLowerCase()
  ];
  return format ? ['-f', format] : [];
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export interface VideoJobInput {
  readonly input: string;
  readonly output: string;
  /** The input's shown size and length (from probe). */
  readonly size: Size;
  readonly durationMs: number | null;
  /** The input's stream indexes to use (a cover picture is never the video; null: there is none). */
  readonly videoStream: number | null;
  readonly audioStream: number | null;
}

/** `-map` of the input's chosen audio stream, if any. */
function mapAudio(source: { audioStream: number | null }): string[] {
  return source.audioStream === null ? [] : ['-map', `0:${source.audioStream}`];
}

/** H.264 yuv420p CRF 23 + AAC 128k 48 kHz, within 1080p, faststart, no metadata; a watermark PNG overlaid. */
export function webRenditionJob(
  source: VideoJobInput,
  settings: { preset: string; watermarkPng?: string | null },
): FfmpegJob {
  const out = webSize(source.size);
  const scale = `scale=${out.width}:${out.height},setsar=1`;
  const inputs: FfmpegInput[] = [{ source: source.input, options: [...GLOBAL_OPTIONS] }];
  let video: string[];
  if (settings.watermarkPng) {
    inputs.push({ source: settings.watermarkPng, options: [] });
    video = [
      '-filter_complex',
      `[0:${source.videoStream ?? 'v:0'}]${scale}[base];[base][1:v:0]overlay=0:0:format=auto[v]`,
      '-map',
      '[v]',
    ];
  } else {
    video = ['-map', `0:${source.videoStream ?? 'v:0'}`, '-vf', scale];
  }
  return {
    inputs,
    outputOptions: [
      ...video,
      ...mapAudio(source),
      '-c:v',
      'libx264',
      '-preset',
      settings.preset,
      '-crf',
      String(WEB_CRF),
      '-pix_fmt',
      'yuv420p',
      '-profile:v',
      'high',
      ...KEEP_FRAME_TIMING,
      ...(source.audioStream === null ? [] : WEB_AUDIO),
      ...STRIP_METADATA,
      '-max_muxing_queue_size',
      '1024',
      '-movflags',
      '+faststart',
      ...formatFor(source.output),
    ],
    totalMs: source.durationMs,
  };
}

/** The streams copied as they are into a new MP4 without metadata, faststart. */
export function remuxJob(source: VideoJobInput): FfmpegJob {
  return {
    inputs: [{ source: source.input, options: [...GLOBAL_OPTIONS] }],
    outputOptions: [
      ...(source.videoStream === null ? [] : ['-map', `0:${source.videoStream}`]),
      ...mapAudio(source),
      '-c',
      'copy',
      ...(source.videoStream === null ? [] : ['-tag:v', 'avc1']),
      ...STRIP_METADATA,
      '-movflags',
      '+faststart',
      ...formatFor(source.output),
    ],
    totalMs: source.durationMs,
  };
}

/** The first `seconds`, at most `maxHeight` high, optionally blurred; smaller H.264/AAC. */
export function videoPreviewJob(
  source: VideoJobInput,
  settings: { preset: string; seconds: number; maxHeight: number; blur: boolean },
): FfmpegJob {
  const out = fitWithin(source.size, Number.MAX_SAFE_INTEGER, settings.maxHeight);
  const filters = [
    `scale=${out.width}:${out.height}`,
    'setsar=1',
    ...(settings.blur ? [boxblurFor(out)] : []),
  ];
  const lengthMs = settings.seconds * 1000;
  return {
    inputs: [{ source: source.input, options: [...GLOBAL_OPTIONS] }],
    outputOptions: [
      '-map',
      `0:${source.videoStream ?? 'v:0'}`,
      ...mapAudio(source),
      '-t',
      seconds(lengthMs),
      '-vf',
      filters.join(','),
      ...KEEP_FRAME_TIMING,
      '-c:v',
      'libx264',
      '-preset',
      settings.preset,
      '-crf',
      String(PREVIEW_CRF),
      '-pix_fmt',
      'yuv420p',
      ...(source.audioStream === null ? [] : PREVIEW_AUDIO),
      ...STRIP_METADATA,
      '-movflags',
      '+faststart',
      ...formatFor(source.output),
    ],
    totalMs: source.durationMs === null ? lengthMs : Math.min(lengthMs, source.durationMs),
  };
}

/** AAC in an M4A (first `seconds` only, for a preview); cover art and metadata left behind. */
export function audioJob(
  source: { input: string; output: string; durationMs: number | null; audioStream: number | null },
  settings: { seconds?: number; audio: readonly string[] },
): FfmpegJob {
  const lengthMs = settings.seconds === undefined ? null : settings.seconds * 1000;
  return {
    inputs: [{ source: source.input, options: [...GLOBAL_OPTIONS] }],
    outputOptions: [
      '-map',
      `0:${source.audioStream ?? 'a:0'}`,
      '-vn',
      ...(lengthMs === null ? [] : ['-t', seconds(lengthMs)]),
      ...settings.audio,
      ...STRIP_METADATA,
      '-movflags',
      '+faststart',
      ...formatFor(source.output),
    ],
    totalMs:
      lengthMs === null
        ? source.durationMs
        : source.durationMs === null
          ? lengthMs
          : Math.min(lengthMs, source.durationMs),
  };
}

/** One frame at `atMs`, scaled to fit `maxSide`, as PNG (sharp encodes the final file). */
export function frameJob(source: VideoJobInput, settings: { atMs: number; maxSide: number }): FfmpegJob {
  const out = fitWithin(source.size, settings.maxSide, settings.maxSide);
  return {
    inputs: [{ source: source.input, options: [...GLOBAL_OPTIONS, '-ss', seconds(settings.atMs)] }],
    outputOptions: [
      '-map',
      `0:${source.videoStream ?? 'v:0'}`,
      '-frames:v',
      '1',
      '-vf',
      `scale=${out.width}:${out.height},setsar=1`,
      ...STRIP_METADATA,
      '-c:v',
      'png',
      '-f',
      'image2',
      '-update',
      '1',
    ],
    totalMs: null,
  };
}

/**
 * A grid of `columns` × `rows` frames evenly spaced through the video (the middle of each slice), each
 * `tileWidth` wide, letterboxed to one tile size. Each frame is its own input seeked by `-ss` before `-i`, so
 * ffmpeg decodes a few frames near each point rather than the whole video.
 */
export function contactSheetJob(
  source: VideoJobInput,
  settings: { columns: number; rows: number; tileWidth: number },
): FfmpegJob {
  const count = settings.columns * settings.rows;
  const tile = fitWithin(
    { width: settings.tileWidth, height: (settings.tileWidth * source.size.height) / source.size.width },
    settings.tileWidth,
    Number.MAX_SAFE_INTEGER,
  );
  const durationMs = source.durationMs ?? 0;
  const inputs: FfmpegInput[] = Array.from({ length: count }, (_, i) => ({
    source: source.input,
    options: [...(i === 0 ? GLOBAL_OPTIONS : []), '-ss', seconds((durationMs * (i + 0.5)) / count)],
  }));
  const each = inputs.map(
    (_, i) =>
      `[${i}:${source.videoStream ?? 'v:0'}]scale=${tile.width}:${tile.height}:force_original_aspect_ratio=decrease,` +
      `pad=${tile.width}:${tile.height}:(ow-iw)/2:(oh-ih)/2,setsar=1,trim=end_frame=1,setpts=PTS-STARTPTS[f${i}]`,
  );
  const labels = inputs.map((_, i) => `[f${i}]`).join('');
  const graph = `${each.join(';')};${labels}concat=n=${count}:v=1:a=0,tile=${settings.columns}x${settings.rows}[sheet]`;
  return {
    inputs,
    outputOptions: [
      '-filter_complex',
      graph,
      '-map',
      '[sheet]',
      '-frames:v',
      '1',
      ...STRIP_METADATA,
      '-c:v',
      'png',
      '-f',
      'image2',
      '-update',
      '1',
    ],
    totalMs: null,
  };
}
