/** A playback token is renewed at the latest this long before it expires... */
export const RENEW_BEFORE_EXPIRY_MS = 60_000;
/** ...and no sooner than this after it was given, so a token with a very short life cannot cause a loop of asks. */
export const RENEW_MIN_WAIT_MS = 5_000;

/**
 * How long after now to ask `live.watch` for a fresh playback token: a minute before the current one expires, or
 * at three quarters of its remaining life when it has less than four minutes left (a slow clock on the fan's
 * machine then still renews in time). The relay checks the token when play starts (HTTP-FLV) and on every HLS
 * request, so the player always holds one that is valid for its next reconnect or segment.
 */
export function tokenRenewalDelay(expiresAt: string, now: number): number {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) return RENEW_MIN_WAIT_MS;
  const left = expires - now;
  const margin = Math.min(RENEW_BEFORE_EXPIRY_MS, left / 4);
  return Math.max(RENEW_MIN_WAIT_MS, Math.round(left - margin));
}

/** Whether a token is too close to its expiry to start playing with (asking for a new one first is cheaper). */
export function isTokenSpent(expiresAt: string, now: number): boolean {
  const expires = Date.parse(expiresAt);
  return Number.isNaN(expires) || expires - now < RENEW_MIN_WAIT_MS;
}
