import { describe, expect, it } from 'vitest';
import { assessEncoderHealth, recentRealtimeFactor, type EncoderHealthSample } from './encoder-health';

/** Samples every 500 ms for `seconds`, writing `pace` media seconds per wall second, 30 fps. */
function samplesAt(
  pace: number,
  seconds: number,
  options: { start?: EncoderHealthSample; dropsPerSecond?: number } = {},
): EncoderHealthSample[] {
  const start = options.start ?? { atMs: 0, outTimeMs: 0, frames: 0, droppedFrames: 0 };
  const samples: EncoderHealthSample[] = [];
  for (let step = 1; step <= seconds * 2; step += 1) {
    const wallMs = step * 500;
    const outMs = start.outTimeMs! + wallMs * pace;
    samples.push({
      atMs: start.atMs + wallMs,
      outTimeMs: outMs,
      frames: Math.round((outMs / 1000) * 30),
      droppedFrames: start.droppedFrames + Math.round((options.dropsPerSecond ?? 0) * (wallMs / 1000)),
    });
  }
  return samples;
}

describe('encoder health', () => {
  it('is good when the encoder keeps real time and drops nothing', () => {
    expect(assessEncoderHealth(samplesAt(1, 10))).toEqual({
      level: 'good',
      reason: null,
      realtimeFactor: 1,
    });
  });

  it('is good with no samples, and does not judge the pace on a second of data', () => {
    expect(assessEncoderHealth([]).level).toBe('good');
    expect(assessEncoderHealth(samplesAt(0.5, 1)).level).toBe('good');
    expect(recentRealtimeFactor(samplesAt(0.5, 1), 4000)).toBeNull();
  });

  it('warns when the encoder falls behind for a few seconds, with the pace in words', () => {
    const health = assessEncoderHealth(samplesAt(0.9, 6));
    expect(health.level).toBe('warning');
    expect(health.reason).toBe('The encoder is falling behind: 0.90× realtime');
  });

  it('is bad when the encoder is far behind', () => {
    const health = assessEncoderHealth(samplesAt(0.62, 6));
    expect(health.level).toBe('bad');
    expect(health.reason).toMatch(/^The encoder cannot keep up: 0\.62× realtime/);
  });

  it('judges the last seconds, not the average since the start', () => {
    const fast = samplesAt(1, 60);
    const slow = samplesAt(0.85, 5, { start: fast.at(-1)! });
    expect(assessEncoderHealth([...fast, ...slow]).level).toBe('warning');
    const recovered = samplesAt(1, 5, { start: slow.at(-1)! });
    expect(assessEncoderHealth([...fast, ...slow, ...recovered]).level).toBe('good');
  });

  it('warns when frames are being dropped, and is bad past a tenth of them', () => {
    const few = assessEncoderHealth(samplesAt(1, 10, { dropsPerSecond: 1 }));
    expect(few.level).toBe('warning');
    expect(few.reason).toMatch(/^Frames are being dropped: \d+ frames dropped in the last 10 s$/);
    const many = assessEncoderHealth(samplesAt(1, 10, { dropsPerSecond: 6 }));
    expect(many.level).toBe('bad');
    expect(many.reason).toMatch(/^Too many frames are being dropped/);
  });

  it('forgets drops older than the drop window', () => {
    const dropping = samplesAt(1, 5, { dropsPerSecond: 2 });
    const clean = samplesAt(1, 12, { start: dropping.at(-1)! });
    expect(assessEncoderHealth([...dropping, ...clean]).level).toBe('good');
  });
});
