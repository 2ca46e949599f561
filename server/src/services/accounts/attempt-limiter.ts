/**
 * Counts attempts (failed sign-ins, sign-ups, password-reset requests) per key (`signin-email:…`, `signup-ip:…`)
 * and says how long a key must wait before its next one.
 */
export interface AttemptLimiter {
  /** Seconds to wait before every one of `keys` may try again; 0 when allowed. */
  retryAfterSeconds(keys: readonly string[], now?: number): number;
  /**
   * Counts an attempt for each key and returns its time. Callers count before the slow part (a password
   * hash), so attempts made in parallel (or batched into one request) cannot all pass the limit.
   */
  record(keys: readonly string[], now?: number): number;
  /** Takes back the attempt recorded at `at` for each key (a sign-in that succeeded). */
  forgive(keys: readonly string[], at: number): void;
  reset(key: string): void;
}

/**
 * A progressive limit: `freeAttempts` within `windowMs` pass at once; each one beyond waits `firstWaitMs`
 * after the latest, doubling each time up to `maxWaitMs`. A person who mistypes a password a few times waits
 * seconds, not a quarter of an hour; a script trying thousands is slowed to a few attempts an hour.
 */
export interface AttemptRule {
  /** Applies to keys starting with this prefix. */
  readonly prefix: string;
  readonly freeAttempts: number;
  readonly firstWaitMs: number;
  readonly maxWaitMs: number;
  /** Attempts older than this no longer count. */
  readonly windowMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The server's limits, by key prefix. */
export const DEFAULT_ATTEMPT_RULES: readonly AttemptRule[] = [
  // Wrong passwords for one account, and from one address (password spraying across accounts).
  {
    prefix: 'signin-email:',
    freeAttempts: 5,
    firstWaitMs: 30 * SECOND,
    maxWaitMs: 15 * MINUTE,
    windowMs: HOUR,
  },
  {
    prefix: 'signin-ip:',
    freeAttempts: 20,
    firstWaitMs: 30 * SECOND,
    maxWaitMs: 15 * MINUTE,
    windowMs: HOUR,
  },
  // New accounts from one address: each costs an argon2 hash, and each answer says whether an email is taken.
  { prefix: 'signup-ip:', freeAttempts: 10, firstWaitMs: MINUTE, maxWaitMs: HOUR, windowMs: HOUR },
  // Reset mails to one address, and asked for from one address; wrong reset links tried from one address.
  { prefix: 'reset-email:', freeAttempts: 3, firstWaitMs: 5 * MINUTE, maxWaitMs: HOUR, windowMs: HOUR },
  { prefix: 'reset-ip:', freeAttempts: 10, firstWaitMs: MINUTE, maxWaitMs: HOUR, windowMs: HOUR },
  {
    prefix: 'reset-token-ip:',
    freeAttempts: 10,
    firstWaitMs: 30 * SECOND,
    maxWaitMs: 15 * MINUTE,
    windowMs: HOUR,
  },
];

/**
 * The limits for a server mode. Tests and the e2e suite (NODE_ENV=test) sign up hundreds of accounts and ask
 * for many reset links, all from 127.0.0.1, so there the limits per address on those two are lifted (their
 * tests use the default rules); development keeps every production limit, so what a developer probes is what
 * production does.
 */
export function attemptRulesFor(nodeEnv: 'development' | 'production' | 'test'): readonly AttemptRule[] {
  if (nodeEnv !== 'test') return DEFAULT_ATTEMPT_RULES;
  return DEFAULT_ATTEMPT_RULES.map((rule) =>
    LIFTED_IN_TESTS.has(rule.prefix) ? { ...rule, freeAttempts: Number.MAX_SAFE_INTEGER } : rule,
  );
}

const LIFTED_IN_TESTS = new Set(['signup-ip:', 'reset-ip:']);

/**
 * How long after its latest attempt a key that made `attempts` recent attempts waits before the next one:
 * nothing while within `freeAttempts`, then `firstWaitMs`, doubling with each further attempt, at most
 * `maxWaitMs`.
 */
export function waitAfterAttempts(rule: AttemptRule, attempts: number): number {
  if (attempts < rule.freeAttempts) return 0;
  return Math.min(rule.firstWaitMs * 2 ** Math.min(attempts - rule.freeAttempts, 30), rule.maxWaitMs);
}

/**
 * An in-process limiter. One instance per server process; with several instances behind a load balancer
 * this moves to the shared store (Redis) behind the same interface.
 */
export class InMemoryAttemptLimiter implements AttemptLimiter {
  readonly #attempts = new Map<string, number[]>();

  constructor(private readonly rules: readonly AttemptRule[] = DEFAULT_ATTEMPT_RULES) {}

  retryAfterSeconds(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const rule = this.#ruleFor(key);
      if (!rule) continue;
      const recent = this.#recent(key, rule, now);
      const latest = recent[recent.length - 1];
      if (latest === undefined) continue;
      const until = latest + waitAfterAttempts(rule, recent.length);
      wait = Math.max(wait, Math.ceil((until - now) / SECOND));
    }
    return wait;
  }

  record(keys: readonly string[], now = Date.now()): number {
    for (const key of keys) {
      const rule = this.#ruleFor(key);
      if (!rule) continue;
      const recent = this.#recent(key, rule, now);
      recent.push(now);
      this.#attempts.set(key, recent);
    }
    if (this.#attempts.size > 100_000) this.#sweep(now);
    return now;
  }

  forgive(keys: readonly string[], at: number): void {
    for (const key of keys) {
      const times = this.#attempts.get(key);
      const index = times?.lastIndexOf(at) ?? -1;
      if (times && index >= 0) times.splice(index, 1);
    }
  }

  reset(key: string): void {
    this.#attempts.delete(key);
  }

  #ruleFor(key: string): AttemptRule | undefined {
    return this.rules.find((rule) => key.startsWith(rule.prefix));
  }

  #recent(key: string, rule: AttemptRule, now: number): number[] {
    return (this.#attempts.get(key) ?? []).filter((at) => at > now - rule.windowMs);
  }

  /** Keeps memory bounded under a flood of distinct keys. */
  #sweep(now: number): void {
    for (const [key, times] of this.#attempts) {
      const rule = this.#ruleFor(key);
      if (!rule || times.every((at) => at <= now - rule.windowMs)) this.#attempts.delete(key);
    }
  }
}
