import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

const policies: fc.Arbitrary<BackoffPolicy> = fc
  .record({ baseMs: fc.integer({ min: 1, max: 10_000 }), capMs: fc.integer({ min: 1, max: 3_600_000 }) })
  .filter((p) => p.baseMs <= p.capMs);
const attempts = fc.integer({ min: 0, max: 10_000 });
/** A value of `Math.random()`: in [0, 1). */
const randoms = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** The top of the jitter range for `attempt`: doubling from the base, never above the cap. */
const ceilingOf = (attempt: number, p: BackoffPolicy) => Math.min(p.capMs, p.baseMs * 2 ** attempt);

describe('backoff before a retry', () => {
  it('waits between half the current step and the whole step, never longer than the cap', () => {
    fc.assert(
      fc.property(policies, attempts, randoms, (policy, attempt, random) => {
        const delay = backoffDelay(attempt, policy, () => random);
        const ceiling = ceilingOf(attempt, policy);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBeLessThanOrEqual(policy.capMs);
      }),
    );
  });

  it('never waits less after another failure (same luck)', () => {
    fc.assert(
      fc.property(policies, attempts, randoms, (policy, attempt, random) => {
        const now = backoffDelay(attempt, policy, () => random);
        const next = backoffDelay(attempt + 1, policy, () => random);
        expect(next).toBeGreaterThanOrEqual(now);
      }),
    );
  });

  it('doubles its step on each failure until it reaches the cap, then stays there', () => {
    fc.assert(
      fc.property(policies, attempts, (policy, attempt) => {
        const top = (a: number) => backoffDelay(a, policy, () => 1 - Number.EPSILON);
        if (policy.baseMs * 2 ** (attempt + 1) <= policy.capMs) {
          expect(top(attempt + 1)).toBe(2 * top(attempt));
        } else {
          expect(top(attempt + 1)).toBe(policy.capMs);
        }
      }),
    );
  });

  it('spreads retries over the upper half of the step, so studios back from an outage do not knock at once', () => {
    fc.assert(
      fc.property(policies, attempts, (policy, attempt) => {
        const ceiling = ceilingOf(attempt, policy);
        const earliest = backoffDelay(attempt, policy, () => 0);
        const latest = backoffDelay(attempt, policy, () => 1 - Number.EPSILON);
        expect(earliest).toBe(Math.round(ceiling / 2));
        expect(latest).toBe(Math.round(ceiling));
      }),
    );
  });

  it.each([
    // attempt, earliest, latest (ms) with the studio's default policy: 500 ms doubling up to 30 s
    [0, 250, 500],
    [1, 500, 1_000],
    [5, 8_000, 16_000],
    [6, 15_000, 30_000],
    [7, 15_000, 30_000],
    [1_000_000, 15_000, 30_000],
  ])('retry %i waits %i to %i ms by default', (attempt, earliest, latest) => {
    expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0)).toBe(earliest);
    expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 1 - Number.EPSILON)).toBe(latest);
  });
});
