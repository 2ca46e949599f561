import { describe, expect, it } from 'vitest';
import { isTokenSpent, RENEW_MIN_WAIT_MS, tokenRenewalDelay } from './token-renewal';

const now = Date.parse('2026-12-03T12:00:00Z');
const inMs = (ms: number) => new Date(now + ms).toISOString();

describe('tokenRenewalDelay', () => {
  it('renews a five-minute token a minute before it expires', () => {
    expect(tokenRenewalDelay(inMs(5 * 60_000), now)).toBe(4 * 60_000);
  });

  it('renews a token with little life left at three quarters of it', () => {
    expect(tokenRenewalDelay(inMs(2 * 60_000), now)).toBe(90_000);
  });

  it('waits a few seconds at least, even for an expired or unreadable expiry', () => {
    expect(tokenRenewalDelay(inMs(-60_000), now)).toBe(RENEW_MIN_WAIT_MS);
    expect(tokenRenewalDelay(inMs(1_000), now)).toBe(RENEW_MIN_WAIT_MS);
    expect(tokenRenewalDelay('not a date', now)).toBe(RENEW_MIN_WAIT_MS);
  });
});

describe('isTokenSpent', () => {
  it('plays with a token that has time left', () => {
    expect(isTokenSpent(inMs(60_000), now)).toBe(false);
  });

  it('asks again for a token about to expire, expired, or unreadable', () => {
    expect(isTokenSpent(inMs(2_000), now)).toBe(true);
    expect(isTokenSpent(inMs(-1), now)).toBe(true);
    expect(isTokenSpent('', now)).toBe(true);
  });
});
