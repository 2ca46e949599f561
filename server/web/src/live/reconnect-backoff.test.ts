import { describe, expect, it } from 'vitest';
import {
  nextAttempt,
  RECONNECT_BASE_MS,
  RECONNECT_MAX_MS,
  RECONNECT_STABLE_MS,
  reconnectDelay,
} from './reconnect-backoff';

describe('reconnectDelay', () => {
  it('retries the first drop within the base wait, between its half and its whole', () => {
    expect(reconnectDelay(0, () => 0)).toBe(RECONNECT_BASE_MS / 2);
    expect(reconnectDelay(0, () => 1)).toBe(RECONNECT_BASE_MS);
  });

  it('doubles the wait with each failed attempt', () => {
    const ceilings = [0, 1, 2, 3].map((attempt) => reconnectDelay(attempt, () => 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    for (const attempt of [5, 10, 50, 1000, Number.MAX_SAFE_INTEGER]) {
      expect(reconnectDelay(attempt, () => 1)).toBe(RECONNECT_MAX_MS);
      expect(reconnectDelay(attempt, () => 0)).toBe(RECONNECT_MAX_MS / 2);
    }
  });

  it('spreads players that dropped together over the upper half of the wait', () => {
    const waits = new Set([0, 0.25, 0.5, 0.75, 1].map((r) => reconnectDelay(3, () => r)));
    expect(waits.size).toBe(5);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(2000);
      expect(wait).toBeLessThanOrEqual(4000);
    }
  });

  it('treats a negative attempt or a random value out of range as the nearest sensible one', () => {
    expect(reconnectDelay(-3, () => 0.5)).toBe(reconnectDelay(0, () => 0.5));
    expect(reconnectDelay(2, () => 7)).toBe(2000);
    expect(reconnectDelay(2, () => -1)).toBe(1000);
  });
});

describe('nextAttempt', () => {
  it('counts up while the stream keeps failing', () => {
    expect(nextAttempt(-1, null, 1_000)).toBe(0);
    expect(nextAttempt(0, null, 1_000)).toBe(1);
    expect(nextAttempt(4, 1_000, 2_000)).toBe(5);
  });

  it('starts again from the first wait after the player played steadily', () => {
    expect(nextAttempt(6, 1_000, 1_000 + RECONNECT_STABLE_MS)).toBe(0);
  });
});
