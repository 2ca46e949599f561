/**
 * How long the live push waits before its next try after the connection or the server dropped: 1, 2, 4 … s,
 * at most 30 s, each spread by ±20 % so that many studios cut by one server restart do not all knock at once.
 */
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;
export const RECONNECT_JITTER = 0.2;

/** The wait before try number `attempt` (1 for the first retry); `random` in [0, 1) picks the jitter. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** exponent);
  const jittered = base * (1 - RECONNECT_JITTER + 2 * RECONNECT_JITTER * random());
  return Math.round(Math.min(RECONNECT_MAX_MS, jittered));
}
