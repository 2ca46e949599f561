/** How many chat messages one account may send in a burst, and how fast the allowance comes back. */
export const CHAT_RATE = { burst: 5, perSeconds: 10 } as const;

/**
 * How many chat messages one stream takes from all its fans together (creator and moderators aside): 20 a
 * second, with bursts of 40. A chat faster than that cannot be read anyway.
 */
export const STREAM_CHAT_RATE = { burst: 40, perSeconds: 2 } as const;

/** How many reactions one account may send in a burst, and how fast (taps are cheap, floods are not). */
export const REACTION_RATE = { burst: 20, perSeconds: 2 } as const;

/**
 * A token bucket: `burst` tokens, refilled evenly so that `burst` come back over `perSeconds`. Time comes
 * from the caller (milliseconds), so tests move it instead of sleeping.
 */
export class TokenBucket {
  #tokens: number;
  #atMs: number;

  constructor(
    private readonly rate: { readonly burst: number; readonly perSeconds: number },
    nowMs: number,
  ) {
    this.#tokens = rate.burst;
    this.#atMs = nowMs;
  }

  /** Takes one token if there is one: 0 then, else the milliseconds until the next one comes back. */
  take(nowMs: number): number {
    this.#refill(nowMs);
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.#tokens) / this.#perMs);
  }

  /** Whether the bucket is full again (it can be forgotten: a new one would be the same). */
  isFull(nowMs: number): boolean {
    this.#refill(nowMs);
    return this.#tokens >= this.rate.burst;
  }

  get #perMs(): number {
    return this.rate.burst / (this.rate.perSeconds * 1000);
  }

  #refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.#atMs);
    this.#tokens = Math.min(this.rate.burst, this.#tokens + elapsed * this.#perMs);
    this.#atMs = Math.max(this.#atMs, nowMs);
  }
}
