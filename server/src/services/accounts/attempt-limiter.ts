/** Counts failed sign-ins and says when a key (an email, an IP) must wait. */
export interface SignInLimiter {
  /** Seconds to wait before `keys` may try again; 0 when allowed. */
  retryAfterSeconds(keys: readonly string[], now?: number): number;
  /**
   * Counts an attempt as failed for each key and returns its time. Callers count it before the slow
   * password check, so attempts made in parallel (or batched into one request) cannot all pass the limit.
   */
  recordFailure(keys: readonly string[], now?: number): number;
  /** Takes back the failure recorded at `at` for each key (the attempt succeeded). */
  forgive(keys: readonly string[], at: number): void;
  reset(key: string): void;
}

export interface LimitRule {
  /** Applies to keys starting with this prefix (`email:`, `ip:`). */
  readonly prefix: string;
  readonly maxFailures: number;
  readonly windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: readonly LimitRule[] = [
  { prefix: 'email:', maxFailures: 5, windowMs: 15 * 60_000 },
  { prefix: 'ip:', maxFailures: 20, windowMs: 15 * 60_000 },
];

/**
 * An in-process sliding-window limiter. One instance per server process; with several instances behind a
 * load balancer this moves to the shared store (Redis) behind the same interface.
 */
export class InMemorySignInLimiter implements SignInLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(private readonly rules: readonly LimitRule[] = DEFAULT_SIGN_IN_LIMITS) {}

  retryAfterSeconds(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const rule = this.#ruleFor(key);
      if (!rule) continue;
      const recent = this.#recent(key, rule, now);
      if (recent.length >= rule.maxFailures) {
        const oldestThatCounts = recent[recent.length - rule.maxFailures]!;
        wait = Math.max(wait, Math.ceil((oldestThatCounts + rule.windowMs - now) / 1000));
      }
    }
    return wait;
  }

  recordFailure(keys: readonly string[], now = Date.now()): number {
    for (const key of keys) {
      const rule = this.#ruleFor(key);
      if (!rule) continue;
      const recent = this.#recent(key, rule, now);
      recent.push(now);
      this.#failures.set(key, recent);
    }
    if (this.#failures.size > 100_000) this.#sweep(now);
    return now;
  }

  forgive(keys: readonly string[], at: number): void {
    for (const key of keys) {
      const times = this.#failures.get(key);
      const index = times?.indexOf(at) ?? -1;
      if (times && index >= 0) times.splice(index, 1);
    }
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }

  #ruleFor(key: string): LimitRule | undefined {
    return this.rules.find((rule) => key.startsWith(rule.prefix));
  }

  #recent(key: string, rule: LimitRule, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((at) => at > now - rule.windowMs);
  }

  /** Keeps memory bounded under a flood of distinct keys. */
  #sweep(now: number): void {
    for (const [key, times] of this.#failures) {
      const rule = this.#ruleFor(key);
      if (!rule || times.every((at) => at <= now - rule.windowMs)) this.#failures.delete(key);
    }
  }
}
