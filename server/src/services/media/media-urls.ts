import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@shared/domain/clock';

/** A signed URL lasts at least this long (a photo, a page left open a while). */
export const MIN_SIGNED_TTL_MS = 10 * 60_000;
/** …and at most this long, however long the video (a URL that leaks stops working the same day). */
export const MAX_SIGNED_TTL_MS = 6 * 3_600_000;

/**
 * The addresses media is fetched from. Public renditions (thumbs, previews) have a plain path, cached for a
 * year; the others carry an expiry and an HMAC-SHA256 of `<mediaId>/<file>:<exp>` under the server's secret, so
 * a URL is good for that one file of that one item until it expires, and changing any part of it breaks it.
 * Callers sign only after the access rule and the viewer's entitlements allow the item.
 */
export class MediaUrls {
  readonly #secret: Buffer;

  constructor(
    secret: string | Buffer,
    private readonly clock: Clock,
  ) {
    this.#secret = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8');
    if (this.#secret.length < 16) throw new RangeError('the media URL secret must be at least 16 bytes');
  }

  /** `/media/<mediaId>/<file>?exp=<unix s>&sig=<base64url>`: good until `expiresAt` (rounded up to the second). */
  signed(mediaId: string, file: string, expiresAt: Date): string {
    const exp = Math.ceil(expiresAt.getTime() / 1000);
    return `/media/${mediaId}/${file}?exp=${exp}&sig=${this.#sign(mediaId, file, exp)}`;
  }

  /** A signed URL valid for `ttlFor(durationMs)` from the clock's now. */
  signedFor(mediaId: string, file: string, durationMs: number | null): string {
    return this.signed(mediaId, file, new Date(this.clock.now().getTime() + this.ttlFor(durationMs)));
  }

  /** `/media/<mediaId>/<file>`: for public renditions only (the route refuses it for the others). */
  public(mediaId: string, file: string): string {
    return `/media/${mediaId}/${file}`;
  }

  /**
   * How long a signed URL lives: 10 minutes, or for video and audio twice the duration (a viewer pausing and
   * seeking, each seek a new Range request on the same URL), at most 6 hours.
   */
  ttlFor(durationMs: number | null): number {
    if (durationMs === null || !Number.isFinite(durationMs) || durationMs <= 0) return MIN_SIGNED_TTL_MS;
    return Math.min(MAX_SIGNED_TTL_MS, Math.max(MIN_SIGNED_TTL_MS, 2 * durationMs));
  }

  /**
   * Whether `exp` and `sig` (as they came in the query string) sign this file of this item and have not
   * expired on the clock. Compared in constant time; says nothing about which part was wrong.
   */
  verify(mediaId: string, file: string, exp: string | undefined, sig: string | undefined): boolean {
    if (exp === undefined || sig === undefined || !/^\d{1,12}$/.test(exp)) return false;
    const expSeconds = Number(exp);
    const expected = Buffer.from(this.#sign(mediaId, file, expSeconds), 'utf8');
    const given = Buffer.from(sig, 'utf8');
    const matches = given.length === expected.length && timingSafeEqual(given, expected);
    return matches && expSeconds * 1000 > this.clock.now().getTime();
  }

  #sign(mediaId: string, file: string, exp: number): string {
    return createHmac('sha256', this.#secret).update(`${mediaId}/${file}:${exp}`).digest('base64url');
  }
}
