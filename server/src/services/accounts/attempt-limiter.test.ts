import { describe, expect, it } from 'vitest';
import {
  attemptRulesFor,
  DEFAULT_ATTEMPT_RULES,
  InMemoryAttemptLimiter,
  waitAfterAttempts,
  type AttemptRule,
} from './attempt-limiter';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const rule: AttemptRule = {
  prefix: 'k:',
  freeAttempts: 3,
  firstWaitMs: 30 * SECOND,
  maxWaitMs: 4 * MINUTE,
  windowMs: 60 * MINUTE,
};

describe('waitAfterAttempts', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 30 * SECOND],
    [4, 60 * SECOND],
    [5, 2 * MINUTE],
    [6, 4 * MINUTE],
    [7, 4 * MINUTE],
    [10_000, 4 * MINUTE],
  ])('after %i attempts waits %i ms', (attempts, wait) => {
    expect(waitAfterAttempts(rule, attempts)).toBe(wait);
  });
});

describe('InMemoryAttemptLimiter', () => {
  it('lets the free attempts through, then waits progressively from the latest attempt', () => {
    const limiter = new InMemoryAttemptLimiter([rule]);
    let now = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds(['k:a'], now)).toBe(0);
      limiter.record(['k:a'], now);
    }
    expect(limiter.retryAfterSeconds(['k:a'], now)).toBe(30);
    now += 30 * SECOND;
    expect(limiter.retryAfterSeconds(['k:a'], now)).toBe(0);
    limiter.record(['k:a'], now);
    expect(limiter.retryAfterSeconds(['k:a'], now)).toBe(60);
    expect(limiter.retryAfterSeconds(['k:a'], now + 59 * SECOND)).toBe(1);
  });

  it('keeps keys apart, ignores keys without a rule, and takes the longest wait of several keys', () => {
    const limiter = new InMemoryAttemptLimiter([rule]);
    for (let i = 0; i < 4; i++) limiter.record(['k:a', 'other:x'], 0);
    expect(limiter.retryAfterSeconds(['k:b'], 0)).toBe(0);
    expect(limiter.retryAfterSeconds(['other:x'], 0)).toBe(0);
    expect(limiter.retryAfterSeconds(['k:b', 'k:a'], 0)).toBe(60);
  });

  it('forgets attempts older than the window, and forgives or resets on request', () => {
    const limiter = new InMemoryAttemptLimiter([rule]);
    for (let i = 0; i < 3; i++) limiter.record(['k:a'], 0);
    expect(limiter.retryAfterSeconds(['k:a'], 60 * MINUTE + 1)).toBe(0);
    const at = limiter.record(['k:b'], 5);
    limiter.record(['k:b'], 6);
    limiter.record(['k:b'], 7);
    limiter.forgive(['k:b'], at);
    expect(limiter.retryAfterSeconds(['k:b'], 7)).toBe(0);
    limiter.record(['k:b'], 8);
    expect(limiter.retryAfterSeconds(['k:b'], 8)).toBe(30);
    limiter.reset('k:b');
    expect(limiter.retryAfterSeconds(['k:b'], 8)).toBe(0);
  });

  it('waits at most 15 minutes for a password (the review saw 893 seconds after 5 tries with the old lock)', () => {
    const signIn = DEFAULT_ATTEMPT_RULES.find((r) => r.prefix === 'signin-email:')!;
    expect(waitAfterAttempts(signIn, 5)).toBe(30 * SECOND);
    expect(waitAfterAttempts(signIn, 1000)).toBe(15 * MINUTE);
  });
});

describe('attemptRulesFor', () => {
  it('keeps every production limit in development, and lifts only the per-address sign-up and reset limits in tests', () => {
    expect(attemptRulesFor('development')).toEqual(DEFAULT_ATTEMPT_RULES);
    expect(attemptRulesFor('production')).toEqual(DEFAULT_ATTEMPT_RULES);
    const test = attemptRulesFor('test');
    for (const [index, r] of test.entries()) {
      if (r.prefix === 'signup-ip:' || r.prefix === 'reset-ip:')
        expect(r.freeAttempts).toBeGreaterThan(1_000_000);
      else expect(r).toEqual(DEFAULT_ATTEMPT_RULES[index]);
    }
  });
});
