import { describe, expect, it } from 'vitest';
import { describeWait } from './wait-text';

describe('describeWait', () => {
  it.each([
    [0.2, '1 second'],
    [1, '1 second'],
    [30, '30 seconds'],
    [59.1, '1 minute'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [893, '15 minutes'],
    [3600, '1 hour'],
    [3601, '2 hours'],
  ])('%s s → %s', (seconds, text) => {
    expect(describeWait(seconds)).toBe(text);
  });
});
