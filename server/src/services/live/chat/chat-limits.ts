import { slowModeWaitMs } from '@shared/domain/live/chat-settings';
import { TokenBucket } from '@shared/domain/live/chat-rate-limit';

/** Past this many tracked keys, the limiter forgets the ones it no longer needs (full buckets, old sends). */
const PRUNE_ABOVE = 10_000;

/**
 * Per-account rate limits (token buckets) in this instance's memory, like the sign-in attempt limiter: with
 * several instances each counts on its own, which only loosens a flood limit by the number of instances.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(private readonly rate: { readonly burst: number; readonly perSeconds: number }) {}

  /** Takes one from `key`'s allowance: 0 when allowed, else the milliseconds to wait. */
  take(key: string, nowMs: number): number {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= PRUNE_ABOVE) this.#prune(nowMs);
      bucket = new TokenBucket(this.rate, nowMs);
      this.#buckets.set(key, bucket);
    }
    return bucket.take(nowMs);
  }

  #prune(nowMs: number): void {
    for (const [key, bucket] of this.#buckets) if (bucket.isFull(nowMs)) this.#buckets.delete(key);
  }
}

/**
 * When each fan last sent to each stream, for slow mode (in this instance's memory, as the rate limit: a fan
 * whose messages land on two instances waits on each).
 */
export class SlowModeClock {
  readonly #lastSent = new Map<string, number>();

  /** Milliseconds the fan still waits under `slowModeSeconds` (0: may send now). */
  waitMs(streamId: string, fanId: string, slowModeSeconds: number, nowMs: number): number {
    return slowModeWaitMs(slowModeSeconds, this.#lastSent.get(`${streamId}:${fanId}`) ?? null, nowMs);
  }

  sent(streamId: string, fanId: string, nowMs: number): void {
    if (this.#lastSent.size >= PRUNE_ABOVE) {
      // Slow mode is at most an hour: older sends no longer hold anyone back.
      for (const [key, at] of this.#lastSent) if (nowMs - at > 3_600_000) this.#lastSent.delete(key);
    }
    this.#lastSent.set(`${streamId}:${fanId}`, nowMs);
  }
}
