import { execFile } from 'node:child_process';
import { z } from 'zod';
import type { SniffedMedia } from '@shared/domain/media/sniff';
import { UnreadableMediaError, type MediaProbe } from './encoder';

/**
 * ffprobe run directly (not through fluent-ffmpeg, whose parser reads ffprobe's text output): its JSON output,
 * checked with zod, mapped to `MediaProbe`.
 */

const streamSchema = z.object({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  sample_aspect_ratio: z.string().optional(),
  duration: z.string().optional(),
  disposition: z.object({ attached_pic: z.number().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  side_data_list: z.array(z.object({ rotation: z.number().optional() })).optional(),
});

export const ffprobeOutputSchema = z.object({
  streams: z.array(streamSchema).default([]),
  format: z
    .object({
      format_name: z.string().optional(),
      duration: z.string().optional(),
      tags: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});
export type FfprobeOutput = z.infer<typeof ffprobeOutputSchema>;
type FfprobeStream = z.infer<typeof streamSchema>;

const PROBE_TIMEOUT_MS = 60_000;

/** ffprobe's JSON for a file; ffprobe failing becomes an `UnreadableMediaError` that says why in plain words. */
export function runFfprobe(ffprobe: string, file: string, sniffed: SniffedMedia): Promise<FfprobeOutput> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file];
  return new Promise((resolve, reject) => {
    execFile(
      ffprobe,
      args,
      { timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          // A string code (ENOENT, EACCES) means ffprobe never ran: our setup's fault, not the file's.
          if (typeof (error as { code?: unknown }).code === 'string') {
            reject(
              new Error(`ffprobe could not be started (${ffprobe}): ${error.message}`, { cause: error }),
            );
            return;
          }
          const timedOut = (error as { killed?: boolean }).killed === true;
          reject(unreadable(sniffed, timedOut ? 'timed out' : stderr || error.message, error));
          return;
        }
        try {
          resolve(ffprobeOutputSchema.parse(JSON.parse(stdout)));
        } catch (parseError) {
          reject(unreadable(sniffed, 'ffprobe answered something that is not its usual report', parseError));
        }
      },
    );
  });
}

/** ffprobe's complaint, in words for the creator (never with the file's path on this machine). */
function unreadable(sniffed: SniffedMedia, stderr: string, cause: unknown): UnreadableMediaError {
  let why = 'its contents are damaged or not in a format we can read';
  if (/moov atom not found/i.test(stderr)) {
    why = 'it is incomplete (its index is missing: was the copy or the upload interrupted?)';
  } else if (stderr === 'timed out') {
    why = 'reading it took too long';
  }
  return new UnreadableMediaError(`We could not read this ${sniffed.label}: ${why}.`, {
    cause: new Error(stderr.trim(), { cause }),
  });
}

function toMs(seconds: string | undefined): number | null {
  const value = Number(seconds);
  return seconds !== undefined && Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
}

/** A picture stream that is a cover or a thumbnail (an MP3's album art), not video. */
function isPicture(stream: FfprobeStream): boolean {
  return stream.disposition?.attached_pic === 1;
}

/** The size a player shows: non-square pixels stretched, a phone's rotation applied. */
function displaySize(stream: FfprobeStream): { width: number; height: number } | null {
  if (!stream.width || !stream.height) return null;
  let width = stream.width;
  const height = stream.height;
  const sar = /^(\d+):(\d+)$/.exec(stream.sample_aspect_ratio ?? '');
  if (sar && Number(sar[1]) > 0 && Number(sar[2]) > 0)
    width = Math.round((width * Number(sar[1])) / Number(sar[2]));
  const rotation =
    stream.side_data_list?.find((data) => data.rotation !== undefined)?.rotation ??
    Number(stream.tags?.rotate ?? 0);
  return Math.abs(rotation) % 180 === 90 ? { width: height, height: width } : { width, height };
}

const STILL_IMAGE_FORMATS = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/;

/** The streams a job uses: the first video that is not a cover picture, the first audio. */
export function chosenStreams(output: FfprobeOutput): {
  video: FfprobeStream | null;
  audio: FfprobeStream | null;
} {
  return {
    video: output.streams.find((stream) => stream.codec_type === 'video' && !isPicture(stream)) ?? null,
    audio: output.streams.find((stream) => stream.codec_type === 'audio') ?? null,
  };
}

/** ffprobe's report as a `MediaProbe`; no audio or video stream at all: `UnreadableMediaError`. */
export function probeFromFfprobe(output: FfprobeOutput, sniffed: SniffedMedia, bytes: number): MediaProbe {
  const container = output.format?.format_name ?? 'unknown';
  const { video, audio } = chosenStreams(output);
  const still = sniffed.kind === 'photo' || STILL_IMAGE_FORMATS.test(container);
  if (!video && !audio) {
    throw new UnreadableMediaError(`This ${sniffed.label} has no video or sound in it that we can play.`);
  }
  const kind = still && video ? 'photo' : video ? 'video' : 'audio';
  const size = video ? displaySize(video) : null;
  const streamDurations = output.streams.map((stream) => toMs(stream.duration)).filter((ms) => ms !== null);
  const durationMs = still
    ? null
    : (toMs(output.format?.duration) ?? (streamDurations.length ? Math.max(...streamDurations) : null));
  return {
    kind,
    container,
    durationMs,
    width: size?.width ?? null,
    height: size?.height ?? null,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    bytes,
  };
}
