import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '@shared/domain/clock';
import { PLAYBACK_TOKEN_TTL_MS } from '@shared/domain/live/stream';
import type { PlaybackTokens } from '../live-relay';

/** Playback tokens as the relay reads them: also who a token was issued to, to re-check that viewer's access later. */
export interface RelayPlaybackTokens extends PlaybackTokens {
  viewerOf(token: string, streamId: string): string | null | undefined;
}

/** Its own key, derived from the media URL secret: a playback token can never pass as a media URL signature. */
const KEY_LABEL = 'mesi live playback token v1';
/** base64url of the payload, a dot, base64url of its 32-byte HMAC (43 characters). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/;
const payloadSchema = z.tuple([z.string(), z.string().nullable(), z.number().int().positive()]);

/**
 * Playback tokens: `base64url([streamId, viewerId, expiry in unix seconds])` and an HMAC-SHA256 of it under a
 * key derived (HKDF) from the media URL secret, so every instance sharing that secret accepts the others' tokens.
 * Checked synchronously (node-media-server's `prePlay` is), in constant time; says nothing about what was wrong.
 */
export class HmacPlaybackTokens implements RelayPlaybackTokens {
  readonly #key: Buffer;

  constructor(
    mediaUrlSecret: string | Buffer,
    private readonly clock: Clock,
    private readonly ttlMs: number = PLAYBACK_TOKEN_TTL_MS,
  ) {
    if (Buffer.byteLength(mediaUrlSecret) < 16) {
      throw new RangeError('the media URL secret must be at least 16 bytes');
    }
    this.#key = Buffer.from(hkdfSync('sha256', mediaUrlSecret, '', KEY_LABEL, 32));
  }

  issue(streamId: string, viewerId: string | null): { token: string; expiresAt: Date } {
    const exp = Math.ceil((this.clock.now().getTime() + this.ttlMs) / 1000);
    const payload = Buffer.from(JSON.stringify([streamId, viewerId, exp]), 'utf8').toString('base64url');
    return { token: `${payload}.${this.#sign(payload)}`, expiresAt: new Date(exp * 1000) };
  }

  verify(token: string, streamId: string): boolean {
    return this.viewerOf(token, streamId) !== undefined;
  }

  /** The viewer an unexpired token for this stream was issued to (null: anonymous); undefined when it is not one. */
  viewerOf(token: string, streamId: string): string | null | undefined {
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) return undefined;
    const [payload = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.#sign(payload), 'utf8');
    if (!timingSafeEqual(Buffer.from(signature, 'utf8'), expected)) return undefined;
    const parsed = payloadSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    const [tokenStream, viewerId, exp] = parsed.data;
    return tokenStream === streamId && exp * 1000 > this.clock.now().getTime() ? viewerId : undefined;
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
