import { liveVideoArgs, type LiveVideoEncoder } from '@shared/domain/live/presets';
import { runFfmpegBriefly } from './ffmpeg-output';

/**
 * Which H.264 encoder the live push uses: the first hardware encoder that both this ffmpeg build offers and this
 * computer can run (a one-second test encode to the null muxer proves it: builds list NVENC on machines without
 * an NVIDIA card), else x264. Hardware encoders leave the CPU to the capture and the rest of the studio.
 */

/** Tried in this order; each is only tried when ffmpeg lists it. */
export const HARDWARE_ENCODER_CANDIDATES: readonly Exclude<LiveVideoEncoder, 'libx264'>[] = [
  'h264_nvenc',
  'h264_videotoolbox',
  'h264_qsv',
  'h264_vaapi',
  'h264_amf',
];

/** Where VAAPI's render node usually is (the first GPU). */
export const DEFAULT_VAAPI_DEVICE = '/dev/dri/renderD128';

export interface EncoderTrial {
  readonly encoder: LiveVideoEncoder;
  readonly works: boolean;
  /** Why it did not work (ffmpeg's last line), or null. */
  readonly reason: string | null;
}

export interface VideoEncoderChoice {
  readonly encoder: LiveVideoEncoder;
  readonly trials: readonly EncoderTrial[];
}

/** The encoder names in `ffmpeg -encoders` output (lines like ` V....D h264_nvenc   NVIDIA NVENC …`). */
export function parseEncoderNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s[VAS][F.][S.][X.][B.][D.]\s+([A-Za-z0-9_]+)\s/.exec(line);
    if (match) names.add(match[1]!);
  }
  return names;
}

/**
 * The choice, given what ffmpeg offers and a way to try one encoder: the first candidate whose trial works,
 * else libx264 (which is not tried: a build without it cannot push at all, and says so when it starts).
 */
export async function chooseVideoEncoder(
  available: ReadonlySet<string>,
  tryEncoder: (encoder: LiveVideoEncoder) => Promise<EncoderTrial>,
): Promise<VideoEncoderChoice> {
  const trials: EncoderTrial[] = [];
  for (const candidate of HARDWARE_ENCODER_CANDIDATES) {
    if (!available.has(candidate)) continue;
    const trial = await tryEncoder(candidate);
    trials.push(trial);
    if (trial.works) return { encoder: candidate, trials };
  }
  return { encoder: 'libx264', trials };
}

/** Global arguments an encoder needs before the inputs (VAAPI opens its device there). */
export function encoderDeviceArgs(encoder: LiveVideoEncoder, vaapiDevice = DEFAULT_VAAPI_DEVICE): string[] {
  return encoder === 'h264_vaapi' ? ['-vaapi_device', vaapiDevice] : [];
}

/** A one-second 360p test encode with the same arguments the live push would use, to the null muxer. */
export async function tryVideoEncoder(ffmpegPath: string, encoder: LiveVideoEncoder): Promise<EncoderTrial> {
  const run = await runFfmpegBriefly(
    ffmpegPath,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      ...encoderDeviceArgs(encoder),
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=30',
      '-t',
      '1',
      ...liveVideoArgs({ width: 640, height: 360, fps: 30, videoKbps: 1000 }, encoder),
      '-f',
      'null',
      '-',
    ],
    20_000,
  );
  if (run.code === 0 && !run.error) return { encoder, works: true, reason: null };
  // The first line names the cause (`Cannot load libcuda.so.1`); the last ones are ffmpeg's generic follow-ups.
  const firstLine = run.stderr
    .trim()
    .split(/\r?\n/)[0]
    ?.replace(/^\[[^\]]*\]\s*/, '')
    .trim();
  return { encoder, works: false, reason: run.error ?? (firstLine || `ffmpeg exited with code ${run.code}`) };
}

const choices = new Map<string, Promise<VideoEncoderChoice>>();

/**
 * The encoder for this ffmpeg, found once per ffmpeg path and process (the trials take a few seconds; the
 * hardware does not change while the studio runs).
 */
export function detectVideoEncoder(ffmpegPath: string): Promise<VideoEncoderChoice> {
  let choice = choices.get(ffmpegPath);
  if (!choice) {
    choice = runFfmpegBriefly(ffmpegPath, ['-hide_banner', '-encoders']).then((listing) =>
      chooseVideoEncoder(parseEncoderNames(listing.stdout), (encoder) =>
        tryVideoEncoder(ffmpegPath, encoder),
      ),
    );
    choices.set(ffmpegPath, choice);
  }
  return choice;
}
