import {
  liveOutputArgs,
  type LiveEncodingSettings,
  type LiveVideoEncoder,
} from '@shared/domain/live/presets';
import { encoderDeviceArgs } from './hardware-encoders';
import type { LiveInputPlan } from './live-sources';

/**
 * The ffmpeg command line of one live push attempt: the source's inputs, one encode, and the tee muxer writing
 * it twice, as FLV to the RTMP ingest and as Matroska to the local recording (Matroska is written as it goes:
 * a crash or a kill leaves a file that plays up to its last cluster).
 */
export interface LivePushArgsInput {
  readonly inputs: LiveInputPlan;
  readonly settings: LiveEncodingSettings;
  readonly encoder: LiveVideoEncoder;
  readonly ingestUrl: string;
  readonly recordingFile: string;
}

/**
 * Escapes a tee slave's file name or URL: the tee splits slaves on `|` and reads them with ffmpeg's token
 * rules, where `\` escapes and `'` quotes; `[` would open an options block.
 */
export function teeEscape(target: string): string {
  return target.replace(/[\\'|[\]]/g, (character) => `\\${character}`);
}

/** How often ffmpeg reports progress (s): twice a second is enough for the health and the stats panel. */
export const PROGRESS_PERIOD_SECONDS = 0.5;

export function livePushArgs(input: LivePushArgsInput): string[] {
  const { inputs, settings, encoder } = input;
  const maps = [
    ...(settings.video && inputs.videoMap ? ['-map', inputs.videoMap] : []),
    '-map',
    inputs.audioMap,
  ];
  const tee = [
    // The RTMP slave first: if the ingest cannot be reached, ffmpeg stops before a recording part is created.
    // A live FLV has no length to write back at the end (ffmpeg would try, and log that it could not).
    `[f=flv:onfail=abort:flvflags=no_duration_filesize]${teeEscape(input.ingestUrl)}`,
    // Clusters of at most 1 s: a crash loses at most the last second of the recording.
    `[f=matroska:cluster_time_limit=1000]${teeEscape(input.recordingFile)}`,
  ].join('|');
  return [
    '-hide_banner',
    '-nostats',
    // Info level prints `Input #N` as each input opens: how a failure is told apart (source or connection).
    '-loglevel',
    'info',
    '-progress',
    'pipe:1',
    '-stats_period',
    String(PROGRESS_PERIOD_SECONDS),
    ...encoderDeviceArgs(encoder),
    ...inputs.args,
    ...maps,
    ...liveOutputArgs(settings, encoder),
    // The tee's muxers are chosen after the encoders start: FLV and Matroska both need the codec headers up front.
    '-flags',
    '+global_header',
    '-f',
    'tee',
    tee,
  ];
}
