/** How often a failing job is tried, and how long to wait before each retry. */
export interface RetryPolicy {
  /** Attempts in all, the first included; a job that has failed this many times is marked failed. */
  readonly maxAttempts: number;
  /** The wait after failed attempt number `attempt` (1 for the first), in milliseconds. */
  delayAfter(attempt: number): number;
}

export interface ExponentialBackoffOptions {
  readonly maxAttempts: number;
  /** The wait after the first failure; each later one doubles it. */
  readonly firstDelayMs: number;
  /** No wait is longer than this. */
  readonly maxDelayMs: number;
}

/**
 * Doubling waits: a payment provider that is down for a minute is not hammered, and one down for hours is
 * still retried within `maxDelayMs` of coming back.
 */
export function exponentialBackoff(options: ExponentialBackoffOptions): RetryPolicy {
  const { maxAttempts, firstDelayMs, maxDelayMs } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError('maxAttempts must be 1 or more');
  // A wait of 0 would make a failed job due again within the same run, retrying it back to back.
  if (!(firstDelayMs >= 1 && maxDelayMs >= firstDelayMs)) {
    throw new RangeError('delays must be at least 1 ms, the first no longer than the longest');
  }
  return {
    maxAttempts,
    delayAfter: (attempt) => Math.min(maxDelayMs, firstDelayMs * 2 ** Math.max(0, attempt - 1)),
  };
}

/** Five attempts over about a quarter of an hour: waits of 1, 2, 4 and 8 minutes between them. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = exponentialBackoff({
  maxAttempts: 5,
  firstDelayMs: 60_000,
  maxDelayMs: 3_600_000,
});
