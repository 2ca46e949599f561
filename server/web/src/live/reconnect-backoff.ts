/** The first retry waits about this long; each later one twice as long as the one before, up to the cap. */
export const RECONNECT_BASE_MS = 500;
/** No wait is longer than this: a fan whose stream comes back should not sit through a long silence. */
export const RECONNECT_MAX_MS = 10_000;
/** Playing this long without a failure counts as a recovered connection: the next drop starts from the base. */
export const RECONNECT_STABLE_MS = 15_000;

/**
 * How long to wait before reconnection attempt `attempt` (0 for the first retry after a drop): exponential with
 * jitter in its upper half, so a server that restarts under a thousand players is not hit by all of them in the
 * same instant, while each still retries soon.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(step, 30));
  const jitter = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}

/**
 * The attempt number after a failure, from the last one (-1 before any): one more than the last, or 0 again when
 * the player had been playing steadily since its last reconnect (a drop an hour into a stream is a new incident,
 * not the 40th retry).
 */
export function nextAttempt(previousAttempt: number, playingSinceMs: number | null, now: number): number {
  if (playingSinceMs !== null && now - playingSinceMs >= RECONNECT_STABLE_MS) return 0;
  return previousAttempt + 1;
}
