import { readFileSync } from 'node:fs';
import { parseClock, parseSpeed } from '@shared/domain/media/progress';
import type { EncoderHealth } from '@shared/domain/live/encoder-health';

/**
 * The live push's numbers, read from ffmpeg's `-progress` blocks (`frame=`, `fps=`, `bitrate=`, `total_size=`,
 * `out_time_us=`, `dup_frames=`, `drop_frames=`, `speed=`, ended by `progress=continue`), plus the CPU use of
 * the ffmpeg process.
 */
export interface LiveStats {
  /** Wall-clock time of the report (ms since the epoch). */
  readonly atMs: number;
  readonly frames: number | null;
  readonly fps: number | null;
  /** Average bitrate of what was written (kbit/s); null while unknown. */
  readonly bitrateKbps: number | null;
  /** Bytes written so far by this attempt (the recording's size when ffmpeg cannot tell through the tee). */
  readonly totalBytes: number | null;
  /** Media time written so far by this attempt (ms). */
  readonly outTimeMs: number | null;
  readonly droppedFrames: number;
  readonly duplicatedFrames: number;
  /** ffmpeg's speed (media seconds per wall second, averaged since the attempt started). */
  readonly speed: number | null;
  /** CPU of the ffmpeg process in percent of one core since the last report; null where the OS does not tell. */
  readonly cpuPercent: number | null;
  readonly health: EncoderHealth;
}

/** One progress block's numbers, before the CPU, the recording size and the health are added. */
export type ProgressBlock = Pick<
  LiveStats,
  | 'frames'
  | 'fps'
  | 'bitrateKbps'
  | 'totalBytes'
  | 'outTimeMs'
  | 'droppedFrames'
  | 'duplicatedFrames'
  | 'speed'
>;

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text === '' || text === 'N/A') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Collects `key=value` lines into blocks; answers a block when `progress=` ends it. */
export class ProgressBlockReader {
  private block = new Map<string, string>();

  push(line: string): ProgressBlock | null {
    const pair = /^([a-z_0-9]+)=\s*(.*?)\s*$/.exec(line.trim());
    if (!pair) return null;
    this.block.set(pair[1]!, pair[2]!);
    if (pair[1] !== 'progress') return null;
    const block = this.block;
    this.block = new Map();
    // ffmpeg 5's out_time_ms is in microseconds too (a known misnomer); out_time is the fallback.
    const micros = numberOrNull(block.get('out_time_us') ?? block.get('out_time_ms'));
    const outTimeMs = micros !== null ? micros / 1000 : parseClock(block.get('out_time') ?? '');
    const bitrate = /^([\d.]+)kbits\/s$/.exec(block.get('bitrate') ?? '');
    return {
      frames: numberOrNull(block.get('frame')),
      fps: numberOrNull(block.get('fps')),
      bitrateKbps: bitrate ? Number(bitrate[1]) : null,
      totalBytes: numberOrNull(block.get('total_size')),
      outTimeMs: outTimeMs === null ? null : Math.max(0, outTimeMs),
      droppedFrames: numberOrNull(block.get('drop_frames')) ?? 0,
      duplicatedFrames: numberOrNull(block.get('dup_frames')) ?? 0,
      speed: parseSpeed(block.get('speed')),
    };
  }
}

/** Clock ticks per second of `/proc/<pid>/stat` times: 100 on every Linux the studio runs on (USER_HZ). */
const CLOCK_TICKS_PER_SECOND = 100;

/** A process's user + system CPU seconds from the text of `/proc/<pid>/stat`, or null if unreadable. */
export function cpuSecondsFromProcStat(stat: string): number | null {
  // The command name (field 2) is in parentheses and may hold spaces and parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** CPU use of one process between reads (Linux: /proc; elsewhere always null). */
export class ProcessCpuMeter {
  private last: { cpuSeconds: number; atMs: number } | null = null;

  constructor(
    private readonly pid: number,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Percent of one core since the previous read; null on the first read or where unknown. */
  read(nowMs = performance.now()): number | null {
    if (this.platform !== 'linux') return null;
    let cpuSeconds: number | null;
    try {
      cpuSeconds = cpuSecondsFromProcStat(readFileSync(`/proc/${this.pid}/stat`, 'utf8'));
    } catch {
      return null;
    }
    if (cpuSeconds === null) return null;
    const previous = this.last;
    this.last = { cpuSeconds, atMs: nowMs };
    if (!previous || nowMs <= previous.atMs) return null;
    return Math.max(0, ((cpuSeconds - previous.cpuSeconds) / ((nowMs - previous.atMs) / 1000)) * 100);
  }
}
