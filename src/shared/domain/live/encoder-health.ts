/**
 * The live encoder's health as the Live screen shows it: good, warning or bad, with the reason in words. Pure:
 * the encoder feeds it the samples it read from ffmpeg's progress, with the wall-clock time of each.
 *
 * The pace is measured over the last few seconds from the media time written against the wall time passed,
 * rather than from ffmpeg's `speed` (an average since the start, which hides a recent slowdown and recovers
 * slowly after one).
 */

/** One progress report of the live encoder, as health needs it. */
export interface EncoderHealthSample {
  /** Wall-clock time of the report (ms). */
  readonly atMs: number;
  /** Media time written so far (ms); null while ffmpeg has written nothing. */
  readonly outTimeMs: number | null;
  /** Frames written so far (null for sound alone). */
  readonly frames: number | null;
  /** Frames ffmpeg dropped so far (it could not keep the frame rate). */
  readonly droppedFrames: number;
}

export type EncoderHealthLevel = 'good' | 'warning' | 'bad';

export interface EncoderHealth {
  readonly level: EncoderHealthLevel;
  /** Why it is not good, in words; null when good. */
  readonly reason: string | null;
  /** Media seconds written per wall second over the last few seconds; null until known. */
  readonly realtimeFactor: number | null;
}

export interface EncoderHealthThresholds {
  /** How long the pace is measured over (ms): a slow moment shorter than this is not a warning. */
  readonly paceWindowMs: number;
  /** Below this pace: warning. */
  readonly warnBelow: number;
  /** Below this pace: bad. */
  readonly badBelow: number;
  /** How far back dropped frames count (ms). */
  readonly dropWindowMs: number;
  /** Share of the frames in the drop window that were dropped, past which health is bad. */
  readonly badDropShare: number;
}

export const DEFAULT_ENCODER_HEALTH_THRESHOLDS: EncoderHealthThresholds = {
  paceWindowMs: 4_000,
  warnBelow: 0.95,
  badBelow: 0.8,
  dropWindowMs: 10_000,
  badDropShare: 0.1,
};

const GOOD: EncoderHealth = { level: 'good', reason: null, realtimeFactor: null };

/** The samples reported at or after `fromMs`, plus the last one before it (the window's starting point). */
function windowFrom(samples: readonly EncoderHealthSample[], fromMs: number): EncoderHealthSample[] {
  const startIndex = samples.findIndex((sample) => sample.atMs >= fromMs);
  if (startIndex === -1) return [];
  return samples.slice(Math.max(0, startIndex - 1));
}

/**
 * The pace over the last `windowMs`: null unless the samples span at least three quarters of it (a push that
 * just started, or came back, is not judged on a second of data).
 */
export function recentRealtimeFactor(
  samples: readonly EncoderHealthSample[],
  windowMs: number,
): number | null {
  const written = samples.filter((sample) => sample.outTimeMs !== null);
  const last = written.at(-1);
  if (!last) return null;
  const first = windowFrom(written, last.atMs - windowMs)[0];
  if (!first || first === last) return null;
  const wallMs = last.atMs - first.atMs;
  if (wallMs < windowMs * 0.75) return null;
  return (last.outTimeMs! - first.outTimeMs!) / wallMs;
}

function formatFactor(factor: number): string {
  return `${factor.toFixed(2)}×`;
}

/**
 * Judges the encoder from its recent samples (oldest first). Falling behind real time, or dropping frames,
 * is a warning; far behind, or dropping more than a tenth of the frames, is bad. The worse finding wins.
 */
export function assessEncoderHealth(
  samples: readonly EncoderHealthSample[],
  thresholds: EncoderHealthThresholds = DEFAULT_ENCODER_HEALTH_THRESHOLDS,
): EncoderHealth {
  const last = samples.at(-1);
  if (!last) return GOOD;
  const realtimeFactor = recentRealtimeFactor(samples, thresholds.paceWindowMs);
  const findings: { level: EncoderHealthLevel; reason: string }[] = [];

  if (realtimeFactor !== null && realtimeFactor < thresholds.badBelow) {
    findings.push({
      level: 'bad',
      reason: `The encoder cannot keep up: ${formatFactor(realtimeFactor)} realtime. Choose a lower preset or close other programs.`,
    });
  } else if (realtimeFactor !== null && realtimeFactor < thresholds.warnBelow) {
    findings.push({
      level: 'warning',
      reason: `The encoder is falling behind: ${formatFactor(realtimeFactor)} realtime`,
    });
  }

  const dropWindow = windowFrom(samples, last.atMs - thresholds.dropWindowMs);
  const first = dropWindow[0];
  if (first && first !== last) {
    const dropped = last.droppedFrames - first.droppedFrames;
    const frames = (last.frames ?? 0) - (first.frames ?? 0) + dropped;
    const seconds = Math.round((last.atMs - first.atMs) / 1000);
    if (dropped > 0) {
      const share = frames > 0 ? dropped / frames : 1;
      const what = `${dropped} frame${dropped === 1 ? '' : 's'} dropped in the last ${seconds} s`;
      findings.push(
        share > thresholds.badDropShare
          ? { level: 'bad', reason: `Too many frames are being dropped: ${what}` }
          : { level: 'warning', reason: `Frames are being dropped: ${what}` },
      );
    }
  }

  const worst = findings.find((finding) => finding.level === 'bad') ?? findings[0];
  if (!worst) return { level: 'good', reason: null, realtimeFactor };
  return { level: worst.level, reason: worst.reason, realtimeFactor };
}
