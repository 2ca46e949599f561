/**
 * ffmpeg's progress, as a progress bar with time left shows it. Pure: the encoder feeds it ffmpeg's output lines
 * and wall-clock times; the studio's job queue and its tests can use the same arithmetic.
 *
 * ffmpeg reports progress two ways: `-progress <url>` writes `key=value` lines in blocks, each ended by
 * `progress=continue` (or `progress=end` once done), and its stderr stats line reads
 * `frame=  120 fps= 60 q=28.0 size=   512kB time=00:00:04.00 bitrate=1048.6kbits/s speed=2.01x`. Both give the
 * media time written so far and the speed (media seconds per wall second, averaged since the start).
 */

/** What one report of ffmpeg says. */
export interface ProgressSample {
  /** Media time written so far. */
  readonly processedMs: number;
  /** ffmpeg's `speed`, null while it says N/A. */
  readonly speed: number | null;
  /** `progress=end`: ffmpeg has written everything. */
  readonly done: boolean;
}

/** A progress bar's state; the encoder's `ProgressUpdate` has this shape. */
export interface MediaProgress {
  readonly fraction: number;
  readonly processedMs: number;
  readonly speed: number | null;
  readonly etaMs: number | null;
}

/** `HH:MM:SS.micro` (ffmpeg's `time=` and `out_time=`), possibly negative before the first frame. */
export function parseClock(text: string): number | null {
  const match = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return null;
  const ms = (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4])) * 1000;
  return match[1] ? -ms : ms;
}

/** `1.23x` → 1.23; `N/A`, `0x`, garbage → null (a speed of zero tells nothing about time left). */
export function parseSpeed(text: string | undefined): number | null {
  const match = /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)x\s*$/.exec(text ?? '');
  const speed = match ? Number(match[1]) : NaN;
  return Number.isFinite(speed) && speed > 0 ? speed : null;
}

/** The stats line of ffmpeg's stderr, or null for any other line. */
export function parseStatsLine(line: string): ProgressSample | null {
  const time = /(?:^|\s)time=\s*(-?[\d:.]+)/.exec(line);
  if (!time) return null;
  const processedMs = parseClock(time[1]!);
  if (processedMs === null) return null;
  const speed = /(?:^|\s)speed=\s*(\S+)/.exec(line);
  return { processedMs: Math.max(0, processedMs), speed: parseSpeed(speed?.[1]), done: false };
}

/**
 * Reads ffmpeg's output line by line (the `-progress` blocks and the stats lines, mixed with its log lines, as
 * they come on one stream) and answers a sample whenever a report is complete.
 */
export class ProgressParser {
  private block = new Map<string, string>();

  push(line: string): ProgressSample | null {
    const trimmed = line.trim();
    // One key, one value (ffmpeg pads some: `speed=   1x`); the stats line has several keys on one line.
    const pair = /^([a-z_0-9]+)=\s*(\S*)$/.exec(trimmed);
    if (pair) {
      this.block.set(pair[1]!, pair[2]!);
      return pair[1] === 'progress' ? this.endBlock(pair[2] === 'end') : null;
    }
    return parseStatsLine(trimmed);
  }

  private endBlock(done: boolean): ProgressSample | null {
    const block = this.block;
    this.block = new Map();
    // out_time_us is the precise one; ffmpeg 5's out_time_ms is in microseconds too (a known misnomer).
    const micros = Number(block.get('out_time_us') ?? block.get('out_time_ms'));
    const processedMs = Number.isFinite(micros) ? micros / 1000 : parseClock(block.get('out_time') ?? '');
    if (processedMs === null) return done ? { processedMs: 0, speed: null, done } : null;
    return { processedMs: Math.max(0, processedMs), speed: parseSpeed(block.get('speed')), done };
  }
}

export interface ProgressContext {
  /** How long the output will be (the input's duration, or the preview's length); null when unknown. */
  readonly totalMs: number | null;
  /** Wall time since the job started. */
  readonly elapsedMs: number;
}

/**
 * A sample as a progress bar shows it: the fraction done (clamped to 0..1; 0 while the length is unknown, 1 once
 * ffmpeg says it is done), and the time left. Time left comes from the speed when ffmpeg gives one (media left ÷
 * speed), else from the pace so far (elapsed × left ÷ done); null while neither can tell.
 */
export function progressOf(sample: ProgressSample, context: ProgressContext): MediaProgress {
  const { totalMs, elapsedMs } = context;
  const known = totalMs !== null && totalMs > 0;
  const processedMs = Math.max(0, sample.processedMs);
  if (sample.done) return { fraction: 1, processedMs, speed: sample.speed, etaMs: 0 };
  const fraction = known ? Math.min(1, processedMs / totalMs) : 0;
  let etaMs: number | null = null;
  if (known) {
    const leftMs = Math.max(0, totalMs - processedMs);
    if (sample.speed !== null) etaMs = leftMs / sample.speed;
    else if (fraction > 0 && elapsedMs > 0) etaMs = (elapsedMs * (1 - fraction)) / fraction;
  }
  return {
    fraction,
    processedMs,
    speed: sample.speed,
    etaMs: etaMs === null ? null : Math.round(etaMs),
  };
}
