import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
  it('writes minutes and two-digit seconds', () => {
    expect(formatDuration(125_000)).toBe('2:05');
    expect(formatDuration(5_000)).toBe('0:05');
    expect(formatDuration(600_000)).toBe('10:00');
  });

  it('adds hours, with two-digit minutes, from an hour on', () => {
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(3_600_000)).toBe('1:00:00');
  });

  it('rounds to the nearest second', () => {
    expect(formatDuration(125_499)).toBe('2:05');
    expect(formatDuration(125_500)).toBe('2:06');
    expect(formatDuration(59_700)).toBe('1:00');
  });

  it('says a very short clip lasts a second, and nothing lasts less than nothing', () => {
    expect(formatDuration(300)).toBe('0:01');
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDuration(Number.NaN)).toBe('0:00');
  });
});
