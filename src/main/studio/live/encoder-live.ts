import { join } from 'node:path';
import { UnavailableError, ValidationError } from '@shared/domain/errors';
import { liveEncodingSettings } from '@shared/domain/live/presets';
import { resolveFfmpegPaths } from '../../../encoder';
import {
  detectVideoEncoder,
  joinRecordingParts,
  listCaptureDevices,
  LivePush,
  LivePushSettingsError,
  LiveSourceError,
  type LivePushState,
  type LiveStats as PushStats,
} from '../../../encoder/live';
import type { EncoderReport, LiveEncoder, LiveStats } from './live-ports';

/** The one recording of a stream, beside its parts (`stream.partN.mkv`) in the stream's folder. */
const RECORDING_NAME = 'stream';

export interface StudioLiveEncoderOptions {
  /** Default: found as the rest of the encoder finds it. */
  readonly ffmpegPath?: string;
  /** Tests shorten the waits between reconnects. */
  readonly reconnectDelay?: (attempt: number) => number;
}

function reportOf(state: LivePushState): EncoderReport | null {
  switch (state.kind) {
    case 'live':
      return { type: 'publishing' };
    case 'reconnecting':
      return { type: 'dropped', attempt: state.attempt, reason: state.reason };
    case 'failed':
      return { type: 'failed', reason: state.reason };
    case 'stopped':
      // Only a file played once stops by itself; a requested stop is the session's own doing.
      return state.reason === 'ended' ? { type: 'finished' } : null;
    default:
      return null;
  }
}

function statsOf(stats: PushStats): LiveStats {
  return {
    fps: stats.fps,
    bitrateKbps: stats.bitrateKbps,
    droppedFrames: stats.droppedFrames,
    duplicatedFrames: stats.duplicatedFrames,
    speed: stats.speed,
    cpuPercent: stats.cpuPercent,
    health: stats.health,
  };
}

/**
 * The encoder's live side as the studio drives it: devices and the best video encoder from ffmpeg itself,
 * and a `LivePush` per stream whose recording parts are joined into one file when it stops.
 */
export function studioLiveEncoder(options: StudioLiveEncoderOptions = {}): LiveEncoder {
  const ffmpegPath = () => options.ffmpegPath ?? resolveFfmpegPaths().ffmpeg;
  return {
    async devices() {
      const path = ffmpegPath();
      const [list, choice] = await Promise.all([
        listCaptureDevices({ ffmpegPath: path }),
        detectVideoEncoder(path),
      ]);
      return {
        platform: process.platform,
        cameras: list.video,
        screens: list.screens,
        microphones: list.audio,
        problems: list.problems,
        hardwareEncoders: choice.trials.filter((trial) => trial.works).map((trial) => trial.encoder),
        bestEncoder: choice.encoder,
      };
    },
    async start({ ingestUrl, setup, recordingFolder }, onReport) {
      const path = ffmpegPath();
      const settings = liveEncodingSettings(setup.encoding);
      const encoder =
        setup.videoEncoder ??
        (settings.video === null ? 'libx264' : (await detectVideoEncoder(path)).encoder);
      let push: LivePush;
      try {
        push = new LivePush({
          ffmpegPath: path,
          source: setup.source,
          settings,
          encoder,
          ingestUrl,
          recording: { folder: recordingFolder, name: RECORDING_NAME },
          ...(options.reconnectDelay ? { reconnectDelay: options.reconnectDelay } : {}),
        });
      } catch (error) {
        // The source is the creator's to fix; an unusable ingest URL is the server's (said without the URL).
        if (error instanceof LiveSourceError) throw new ValidationError(error.message, 'source');
        if (error instanceof LivePushSettingsError) {
          throw new UnavailableError(
            `The server gave an address this studio cannot push to: ${error.message}`,
          );
        }
        throw error;
      }
      push.on('state', (state) => {
        const report = reportOf(state);
        if (report) onReport(report);
      });
      push.on('stats', (stats) => onReport({ type: 'stats', stats: statsOf(stats) }));
      push.start();
      return {
        async stop() {
          const { parts } = await push.stop();
          if (parts.length === 0) return null;
          if (parts.length === 1) return parts[0]!;
          const joined = join(recordingFolder, `${RECORDING_NAME}.mkv`);
          await joinRecordingParts(path, parts, joined);
          return joined;
        },
      };
    },
  };
}
