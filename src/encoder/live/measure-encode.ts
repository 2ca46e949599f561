import { cpus } from 'node:os';
import {
  LIVE_AUDIO_SAMPLE_RATE,
  LIVE_PRESETS,
  liveOutputArgs,
  type LivePresetId,
  type LiveVideoEncoder,
} from '@shared/domain/live/presets';
import { resolveFfmpegPaths } from '../ffmpeg-path';
import { encoderDeviceArgs } from './hardware-encoders';
import { runFfmpegBriefly } from './ffmpeg-output';

/** How fast a preset encodes on this computer, and at what CPU cost. */
export interface EncodeMeasurement {
  /** Media seconds encoded per wall second, as fast as it goes (above 1: the preset can run live here). */
  readonly realtimeFactor: number;
  /** CPU seconds per wall second of the ffmpeg process (1 = one core busy). */
  readonly cpuCores: number;
  /** `cpuCores` as a share of all this computer's cores (0..1). */
  readonly cpuShare: number;
  /** CPU seconds spent per media second: what live encoding at 1× would cost (1 = one core). */
  readonly cpuCoresAtRealtime: number;
  readonly wallSeconds: number;
}

export interface MeasureEncodeOptions {
  readonly preset: LivePresetId;
  readonly seconds: number;
  readonly encoder?: LiveVideoEncoder;
  readonly ffmpegPath?: string;
}

/** ffmpeg's `-benchmark` summary: `bench: utime=1.234s stime=0.056s rtime=2.000s`. */
export function parseBenchLine(
  text: string,
): { userSeconds: number; systemSeconds: number; wallSeconds: number } | null {
  const match = /bench: utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(text);
  if (!match) return null;
  return { userSeconds: Number(match[1]), systemSeconds: Number(match[2]), wallSeconds: Number(match[3]) };
}

/**
 * Encodes `seconds` of the test pattern (and tone) with a preset's settings to the null muxer, as fast as it
 * goes, and reports the realtime factor and CPU (ffmpeg's own accounting of its process, on every OS).
 */
export async function measureEncode(options: MeasureEncodeOptions): Promise<EncodeMeasurement> {
  const ffmpegPath = options.ffmpegPath ?? resolveFfmpegPaths().ffmpeg;
  const encoder = options.encoder ?? 'libx264';
  const { settings } = LIVE_PRESETS[options.preset];
  const video = settings.video
    ? [
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=${settings.video.width}x${settings.video.height}:rate=${settings.video.fps}`,
      ]
    : [];
  const run = await runFfmpegBriefly(
    ffmpegPath,
    [
      '-hide_banner',
      '-nostats',
      '-benchmark',
      ...encoderDeviceArgs(encoder),
      ...video,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:sample_rate=${LIVE_AUDIO_SAMPLE_RATE}`,
      '-t',
      String(options.seconds),
      ...liveOutputArgs(settings, encoder),
      '-f',
      'null',
      '-',
    ],
    Math.max(60_000, options.seconds * 20_000),
  );
  const bench = parseBenchLine(run.stderr);
  if (run.code !== 0 || run.error || !bench || bench.wallSeconds <= 0) {
    const reason = run.error ?? run.stderr.trim().split(/\r?\n/).slice(-2).join(' ');
    throw new Error(`The ${options.preset} encode could not be measured: ${reason}`);
  }
  const cpuSeconds = bench.userSeconds + bench.systemSeconds;
  const cpuCores = cpuSeconds / bench.wallSeconds;
  return {
    realtimeFactor: options.seconds / bench.wallSeconds,
    cpuCores,
    cpuShare: cpuCores / Math.max(1, cpus().length),
    cpuCoresAtRealtime: cpuSeconds / options.seconds,
    wallSeconds: bench.wallSeconds,
  };
}
