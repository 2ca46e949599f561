import { describe, expect, it } from 'vitest';
import { CHAT_RATE, TokenBucket } from './chat-rate-limit';

describe('the chat rate limit (a token bucket)', () => {
  it('lets 5 messages through at once, then one every 2 seconds', () => {
    const bucket = new TokenBucket(CHAT_RATE, 0);
    for (let i = 0; i < 5; i++) expect(bucket.take(0)).toBe(0);
    expect(bucket.take(0)).toBe(2_000);
    expect(bucket.take(1_000)).toBe(1_000);
    expect(bucket.take(2_000)).toBe(0);
    expect(bucket.take(2_000)).toBe(2_000);
  });

  it('fills up again to the burst, never past it', () => {
    const bucket = new TokenBucket(CHAT_RATE, 0);
    bucket.take(0);
    expect(bucket.isFull(1_000)).toBe(false);
    expect(bucket.isFull(60_000)).toBe(true);
    for (let i = 0; i < 5; i++) expect(bucket.take(60_000)).toBe(0);
    expect(bucket.take(60_000)).toBeGreaterThan(0);
  });

  it('does not gain tokens when time seems to go back', () => {
    const bucket = new TokenBucket({ burst: 1, perSeconds: 1 }, 10_000);
    expect(bucket.take(10_000)).toBe(0);
    expect(bucket.take(5_000)).toBe(1_000);
  });
});
