import { describe, expect, it } from 'vitest';
import { StepProgress } from './step-progress';

describe('one progress bar over weighted steps', () => {
  it('weighs each step, adds the later steps at the pace seen to the running step’s time left', () => {
    let now = 0;
    const reports: [number, number | null][] = [];
    const progress = new StepProgress(
      { web: 8, preview: 2 },
      (f, eta) => reports.push([f, eta]),
      () => now,
    );
    now = 4_000;
    progress.update('web', 0.5, 4_000);
    // Half of the web step (4 of 10) in 4 s: 1 s per weight; the preview's 2 weights add 2 s.
    expect(reports.at(-1)).toEqual([0.4, 6_000]);
    now = 8_000;
    progress.finish('web');
    expect(reports.at(-1)).toEqual([0.8, 2_000]);
    progress.finish('preview');
    expect(reports.at(-1)).toEqual([1, 0]);
  });

  it('never moves back, and tells no time before it can', () => {
    let now = 0;
    const reports: [number, number | null][] = [];
    const progress = new StepProgress(
      { web: 1 },
      (f, eta) => reports.push([f, eta]),
      () => now,
    );
    progress.update('web', 0.001);
    expect(reports.at(-1)).toEqual([0.001, null]);
    now = 1_000;
    progress.update('web', 0.5);
    progress.update('web', 0.3);
    expect(reports.map(([fraction]) => fraction)).toEqual([0.001, 0.5, 0.5]);
    expect(reports.at(-1)?.[1]).toBe(2_333); // 0.7 of the step left at 0.3 a second
  });
});
