import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { assessEncoderHealth, type EncoderHealthSample } from '@shared/domain/live/encoder-health';
import type { LiveEncodingSettings, LiveVideoEncoder } from '@shared/domain/live/presets';
import { resolveFfmpegPaths } from '../ffmpeg-path';
import { liveInputPlan, type LiveInputPlan, type LiveSource } from './live-sources';
import { ProcessCpuMeter, ProgressBlockReader, type LiveStats } from './live-stats';
import { livePushArgs } from './push-args';
import { classifyPushFailure, withoutUrlQueries, type PushFailure } from './push-failure';
import { reconnectDelayMs } from './reconnect-backoff';
import { nextFreePartNumber, recordingPartPath } from './recording-parts';

/** Where a live push is. Times are wall-clock ms since the epoch. */
export type LivePushState =
  | { readonly kind: 'idle' }
  /** ffmpeg is starting, opening the source and the connection; `attempt` 0 is the first start. */
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'live'; readonly since: number }
  /** The connection or the server dropped; the next try starts at `nextTryAt` by itself. */
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly nextTryAt: number;
      readonly reason: string;
    }
  /** Asked to stop, or a file played once came to its end. */
  | { readonly kind: 'stopped'; readonly reason: 'requested' | 'ended' }
  /** Retrying would not help (a bad device, a missing file, an encoder refusing): said in words. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface LivePushEvents {
  state: [LivePushState];
  stats: [LiveStats];
  /** A recording part was finished and kept (its path). */
  part: [string];
}

export interface LivePushSummary {
  readonly state: LivePushState;
  /** The recording's parts in order, each a playable Matroska file. */
  readonly parts: readonly string[];
}

export interface LivePushOptions {
  /** Default: resolved as the rest of the encoder does (setting, `FFMPEG_PATH`, ffmpeg-static, `PATH`). */
  readonly ffmpegPath?: string;
  readonly source: LiveSource;
  readonly settings: LiveEncodingSettings;
  /** From `detectVideoEncoder`; default libx264. */
  readonly encoder?: LiveVideoEncoder;
  /** The server's RTMP ingest URL for this stream, key included. */
  readonly ingestUrl: string;
  /** Parts go to `<folder>/<name>.partN.mkv`. */
  readonly recording: { readonly folder: string; readonly name: string };
  readonly platform?: NodeJS.Platform;
  /** How long a clean stop waits for ffmpeg to finish the recording before killing it (ms). */
  readonly stopTimeoutMs?: number;
  /** No progress for this long means the connection hangs: ffmpeg is killed and the push reconnects (ms). */
  readonly stallTimeoutMs?: number;
  /** The wait before retry number `attempt` (default: 1, 2, 4 … 30 s with jitter). */
  readonly reconnectDelay?: (attempt: number) => number;
}

const pushTargetSchema = z.object({
  ingestUrl: z
    .string()
    .regex(/^rtmps?:\/\/[^\s|]+$/i, { error: 'The ingest URL must be an rtmp:// or rtmps:// address' }),
  name: z
    .string()
    .min(1, { error: 'The recording needs a name' })
    .max(120, { error: 'The recording name must be at most 120 characters' })
    .regex(/^[^/\\:*?"<>|\0]+$/, { error: 'The recording name cannot hold / \\ : * ? " < > |' })
    .refine((name) => !name.startsWith('.'), { error: 'The recording name cannot start with a dot' }),
});

/** An ingest URL or a recording name the push cannot use; the message says why. */
export class LivePushSettingsError extends Error {
  override readonly name = 'LivePushSettingsError';
}

/** How many ffmpeg log lines are kept for a failure's reason. */
const LOG_LINES_KEPT = 40;
/** How much progress history the health judges (ms). */
const HEALTH_HISTORY_MS = 15_000;

interface Attempt {
  readonly child: ChildProcessWithoutNullStreams;
  readonly partPath: string;
  readonly exited: Promise<void>;
  wentLive: boolean;
  /** Set when the stall watch killed it: how long nothing came. */
  stalledMs: number | null;
}

/** How an attempt's ffmpeg ended. */
interface AttemptEnding {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError: string | null;
  readonly log: readonly string[];
  readonly openedInputs: number;
}

/**
 * A live push: one long-running ffmpeg sending the source over RTMP and recording it locally at the same time.
 * When the connection or the server drops it starts ffmpeg again after a backoff, by itself, until stopped,
 * recording each attempt into the next part; a source that cannot be opened fails it instead.
 */
export class LivePush extends EventEmitter<LivePushEvents> {
  private readonly ffmpegPath: string;
  private readonly inputs: LiveInputPlan;
  private readonly options: LivePushOptions;
  private currentState: LivePushState = { kind: 'idle' };
  private readonly keptParts: string[] = [];
  private attempt: Attempt | null = null;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopping: Promise<LivePushSummary> | null = null;

  /** Throws (in words) for an ingest URL, a recording name or a source this computer cannot use. */
  constructor(options: LivePushOptions) {
    super();
    const target = pushTargetSchema.safeParse({ ingestUrl: options.ingestUrl, name: options.recording.name });
    if (!target.success) {
      throw new LivePushSettingsError(target.error.issues.map((issue) => issue.message).join('; '));
    }
    this.options = options;
    this.ffmpegPath = options.ffmpegPath ?? resolveFfmpegPaths().ffmpeg;
    this.inputs = liveInputPlan(options.source, options.settings, { platform: options.platform });
  }

  get state(): LivePushState {
    return this.currentState;
  }

  /** The running ffmpeg's process id (for diagnostics), or null between attempts. */
  get ffmpegPid(): number | null {
    return this.attempt?.child.pid ?? null;
  }

  /** The recording's finished parts so far, in order. */
  get parts(): readonly string[] {
    return [...this.keptParts];
  }

  /** Starts pushing (once). */
  start(): void {
    if (this.currentState.kind !== 'idle') return;
    void this.runAttempt(0);
  }

  /**
   * Stops: `q` on ffmpeg's stdin so it finishes the recording, SIGKILL if it has not within the stop timeout
   * (the Matroska part still plays up to its last cluster). Resolves once ffmpeg has exited.
   */
  stop(): Promise<LivePushSummary> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  private async stopNow(): Promise<LivePushSummary> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const attempt = this.attempt;
    if (attempt) {
      attempt.child.stdin.end('q');
      const kill = setTimeout(() => attempt.child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 10_000);
      await attempt.exited;
      clearTimeout(kill);
    }
    if (this.currentState.kind !== 'failed' && this.currentState.kind !== 'stopped') {
      this.setState({ kind: 'stopped', reason: 'requested' });
    }
    return { state: this.currentState, parts: this.parts };
  }

  private setState(state: LivePushState): void {
    this.currentState = state;
    this.emit('state', state);
  }

  private async runAttempt(failures: number): Promise<void> {
    this.failures = failures;
    const { folder, name } = this.options.recording;
    this.setState({ kind: 'connecting', attempt: failures });
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return this.setState({ kind: 'failed', reason: `The recording folder could not be created: ${why}` });
    }
    if (this.stopping) return;
    const partPath = recordingPartPath(folder, name, nextFreePartNumber(folder, name));
    const args = livePushArgs({
      inputs: this.inputs,
      settings: this.options.settings,
      encoder: this.options.encoder ?? 'libx264',
      ingestUrl: this.options.ingestUrl,
      recordingFile: partPath,
    });
    const child = spawn(this.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    // ffmpeg may be gone when `q` is written.
    child.stdin.on('error', () => undefined);

    const log: string[] = [];
    let openedInputs = 0;
    let spawnError: string | null = null;
    const reader = new ProgressBlockReader();
    const cpu = child.pid === undefined ? null : new ProcessCpuMeter(child.pid, this.options.platform);
    const history: EncoderHealthSample[] = [];
    const stallMs = this.options.stallTimeoutMs ?? 15_000;
    let stallTimer: NodeJS.Timeout | null = null;
    const armStallWatch = () => {
      if (stallTimer) clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        attempt.stalledMs = stallMs;
        child.kill('SIGKILL');
      }, stallMs);
    };
    armStallWatch();

    const exited = new Promise<void>((resolve) => {
      child.on('error', (error) => {
        spawnError = `ffmpeg could not be started: ${error.message}`;
      });
      child.on('close', (code, signal) => {
        if (stallTimer) clearTimeout(stallTimer);
        const ending = { code, signal, spawnError, log, openedInputs };
        void this.attemptEnded(attempt, ending).finally(resolve);
      });
    });
    const attempt: Attempt = { child, partPath, exited, wentLive: false, stalledMs: null };
    this.attempt = attempt;

    createInterface({ input: child.stderr }).on('line', (line) => {
      if (/^Input #\d+,/.test(line)) openedInputs += 1;
      log.push(line);
      if (log.length > LOG_LINES_KEPT) log.shift();
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const block = reader.push(line);
      if (!block) return;
      armStallWatch();
      const atMs = Date.now();
      const wrote = (block.outTimeMs ?? 0) > 0 || (block.frames ?? 0) > 0;
      if (wrote && !attempt.wentLive && !this.stopping) {
        attempt.wentLive = true;
        this.failures = 0;
        this.setState({ kind: 'live', since: atMs });
      }
      // Through the tee ffmpeg cannot tell the bytes written: the recording's size stands for them.
      const totalBytes = block.totalBytes ?? fileSize(partPath);
      const bitrateKbps =
        block.bitrateKbps ??
        (totalBytes !== null && block.outTimeMs ? (totalBytes * 8) / block.outTimeMs : null);
      history.push({
        atMs,
        outTimeMs: block.outTimeMs,
        frames: block.frames,
        droppedFrames: block.droppedFrames,
      });
      while (history.length > 2 && history[0]!.atMs < atMs - HEALTH_HISTORY_MS) history.shift();
      this.emit('stats', {
        ...block,
        atMs,
        totalBytes,
        bitrateKbps: bitrateKbps === null ? null : Math.round(bitrateKbps * 10) / 10,
        cpuPercent: cpu?.read() ?? null,
        health: assessEncoderHealth(history),
      });
    });
  }

  private async attemptEnded(attempt: Attempt, ending: AttemptEnding): Promise<void> {
    if (this.attempt === attempt) this.attempt = null;
    await this.keepOrDropPart(attempt);
    if (this.stopping) return;
    if (ending.spawnError) return this.setState({ kind: 'failed', reason: ending.spawnError });
    if (ending.code === 0) return this.setState({ kind: 'stopped', reason: 'ended' });
    const failure = this.whyEnded(attempt, ending);
    if (failure.kind !== 'connection') return this.setState({ kind: 'failed', reason: failure.reason });
    const next = this.failures + 1;
    const delayMs = (this.options.reconnectDelay ?? reconnectDelayMs)(next);
    this.setState({
      kind: 'reconnecting',
      attempt: next,
      nextTryAt: Date.now() + delayMs,
      reason: withoutUrlQueries(failure.reason),
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopping) void this.runAttempt(next);
    }, delayMs);
  }

  /**
   * A stall or a kill from outside says nothing in ffmpeg's log: those are told from how it ended. Both are
   * retried (a hung connection, a crashed encoder), unless the source never opened.
   */
  private whyEnded(attempt: Attempt, ending: AttemptEnding): PushFailure {
    const { log, openedInputs } = ending;
    const { inputCount, description } = this.inputs;
    if ((attempt.stalledMs !== null || ending.signal) && openedInputs >= inputCount) {
      return {
        kind: 'connection',
        reason:
          attempt.stalledMs !== null
            ? `The connection to the server stopped answering: nothing was sent for ${Math.round(attempt.stalledMs / 1000)} s`
            : `The encoder stopped unexpectedly (${ending.signal})`,
      };
    }
    if (attempt.stalledMs !== null) {
      return {
        kind: 'source',
        reason: `Could not open ${description}: it gave nothing for ${Math.round(attempt.stalledMs / 1000)} s`,
      };
    }
    return classifyPushFailure(log, openedInputs, inputCount, description);
  }

  /** A part that recorded something is kept; one from an attempt that never went live is removed. */
  private async keepOrDropPart(attempt: Attempt): Promise<void> {
    if (!existsSync(attempt.partPath)) return;
    if (attempt.wentLive && (fileSize(attempt.partPath) ?? 0) > 0) {
      this.keptParts.push(attempt.partPath);
      this.emit('part', attempt.partPath);
      return;
    }
    await rm(attempt.partPath, { force: true });
  }
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}
