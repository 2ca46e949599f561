import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { logFailure } from '../../../logging/error-log';

export interface HlsTransmuxOptions {
  readonly ffmpegPath: string;
  /** `DATA_DIR/live/hls`: one folder per stream, removed when its transmux stops. */
  readonly hlsRoot: string;
  /** Where ffmpeg plays the stream from: the local relay over RTMP, with a fresh playback token of its own. */
  readonly sourceUrl: (streamId: string) => string;
  /** How long the playlist stays after the publisher went (players fetch the last segments; a quick return). */
  readonly lingerMs?: number;
}

interface Transmux {
  child: ChildProcess | null;
  /** The publisher is there: a transmux that dies is started again. */
  wanted: boolean;
  failures: number;
  startedAt: number;
  timer: NodeJS.Timeout | null;
}

const DEFAULT_LINGER_MS = 5_000;
const MAX_RESTART_DELAY_MS = 10_000;
/** A run this long resets the restart backoff. */
const HEALTHY_RUN_MS = 30_000;
/** Segment numbers count seconds since 1970, so a restarted transmux never reuses a name a player has seen. */
export const HLS_SEGMENT = /^seg-\d{1,12}\.ts$/;
export const HLS_PLAYLIST = 'index.m3u8';

/**
 * The HLS fallback: node-media-server v4 has no HLS, so an ffmpeg per live stream plays it from the relay and
 * writes an HLS playlist and 1 s segments, copying the encoder's packets (segments start at its keyframes).
 * Segments and the playlist are written under a temporary name and renamed, so a reader never sees half a file.
 * ffmpeg 5.1's HLS muxer cannot write LL-HLS parts, so this is plain HLS.
 */
export class HlsTransmuxes {
  readonly #streams = new Map<string, Transmux>();
  readonly #lingerMs: number;
  #closed = false;

  constructor(private readonly options: HlsTransmuxOptions) {
    this.#lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
  }

  /** The folder of a stream's playlist and segments. */
  folderOf(streamId: string): string {
    return path.join(this.options.hlsRoot, streamId);
  }

  /** Removes what a previous run left (a crash leaves folders behind). */
  async clear(): Promise<void> {
    await rm(this.options.hlsRoot, { recursive: true, force: true });
    await mkdir(this.options.hlsRoot, { recursive: true });
  }

  /** The publisher is there: start a transmux afresh (a new publish has new headers and timestamps). */
  start(streamId: string): void {
    if (this.#closed) return;
    const existing = this.#streams.get(streamId);
    if (existing) {
      if (existing.timer) clearTimeout(existing.timer);
      existing.timer = null;
      existing.wanted = true;
      existing.failures = 0;
      existing.child?.kill('SIGKILL');
      if (!existing.child) this.#spawn(streamId, existing);
      // Otherwise its exit handler starts the new one.
      return;
    }
    const transmux: Transmux = { child: null, wanted: true, failures: 0, startedAt: 0, timer: null };
    this.#streams.set(streamId, transmux);
    this.#spawn(streamId, transmux);
  }

  /** The publisher went: stop the transmux and remove its folder after the linger. */
  stopSoon(streamId: string): void {
    const transmux = this.#streams.get(streamId);
    if (!transmux) return;
    transmux.wanted = false;
    if (transmux.timer) clearTimeout(transmux.timer);
    transmux.timer = setTimeout(() => void this.#finish(streamId, transmux), this.#lingerMs);
  }

  /** The running ffmpeg's process id, if any (for operators and tests). */
  pidOf(streamId: string): number | undefined {
    return this.#streams.get(streamId)?.child?.pid;
  }

  async stopAll(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#streams].map(([streamId, transmux]) => this.#finish(streamId, transmux)));
  }

  #spawn(streamId: string, transmux: Transmux): void {
    const folder = this.folderOf(streamId);
    transmux.startedAt = Date.now();
    void mkdir(folder, { recursive: true }).then(
      () => {
        if (!transmux.wanted || this.#closed || this.#streams.get(streamId) !== transmux) return;
        const child = spawn(
          this.options.ffmpegPath,
          transmuxArguments(this.options.sourceUrl(streamId), folder),
          {
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        transmux.child = child;
        let errors = '';
        child.stderr?.setEncoding('utf8').on('data', (text: string) => {
          errors = (errors + text).slice(-2_000);
        });
        child.once('error', (error) => logFailure(`live HLS transmux of stream ${streamId}`, error));
        child.once('close', (code, signal) => {
          transmux.child = null;
          if (!transmux.wanted || this.#closed) return;
          if (signal !== 'SIGKILL' && errors) {
            console.warn(
              `live HLS transmux of stream ${streamId} ended (${code ?? signal}): ${scrub(errors)}`,
            );
          }
          const healthy = Date.now() - transmux.startedAt > HEALTHY_RUN_MS;
          transmux.failures = healthy || signal === 'SIGKILL' ? 0 : transmux.failures + 1;
          const delay = Math.min(
            MAX_RESTART_DELAY_MS,
            transmux.failures === 0 ? 0 : 500 * 2 ** transmux.failures,
          );
          transmux.timer = setTimeout(() => {
            transmux.timer = null;
            if (transmux.wanted && !this.#closed) this.#spawn(streamId, transmux);
          }, delay);
        });
      },
      (error: unknown) => logFailure(`live HLS folder of stream ${streamId}`, error),
    );
  }

  async #finish(streamId: string, transmux: Transmux): Promise<void> {
    transmux.wanted = false;
    if (transmux.timer) clearTimeout(transmux.timer);
    transmux.timer = null;
    if (this.#streams.get(streamId) === transmux) this.#streams.delete(streamId);
    const child = transmux.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    // A publish that came back meanwhile has a new transmux writing here: leave its folder.
    if (!this.#streams.has(streamId)) await rm(this.folderOf(streamId), { recursive: true, force: true });
  }
}

function transmuxArguments(source: string, folder: string): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    // No packet for this long: the relay went quiet; exit, and be started again if the publisher is still there.
    '-rw_timeout',
    '15000000',
    '-i',
    source,
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_time',
    '1',
    '-hls_list_size',
    '6',
    '-hls_flags',
    'delete_segments+independent_segments+temp_file',
    '-hls_start_number_source',
    'epoch',
    '-hls_segment_filename',
    path.join(folder, 'seg-%d.ts'),
    path.join(folder, HLS_PLAYLIST),
  ];
}

/** ffmpeg's messages may quote its input's URL, whose query is a playback token. */
function scrub(text: string): string {
  return text.replace(/token=[^\s'"&]*/g, 'token=…').trim();
}
