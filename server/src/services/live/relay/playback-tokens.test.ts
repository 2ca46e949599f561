import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { PLAYBACK_TOKEN_TTL_MS } from '@shared/domain/live/stream';
import { HmacPlaybackTokens } from './playback-tokens';

const SECRET = 'a media URL secret of at least 32 characters';

describe('playback tokens', () => {
  const streamId = randomUUID();

  it('lets one stream be played until the token expires, then no more', () => {
    const clock = new ManualClock();
    const tokens = new HmacPlaybackTokens(SECRET, clock);
    const { token, expiresAt } = tokens.issue(streamId, randomUUID());
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(PLAYBACK_TOKEN_TTL_MS);
    expect(tokens.verify(token, streamId)).toBe(true);
    clock.advance(PLAYBACK_TOKEN_TTL_MS - 1);
    expect(tokens.verify(token, streamId)).toBe(true);
    clock.advance(1);
    expect(tokens.verify(token, streamId)).toBe(false);
  });

  it('is refused for another stream, and when any character of it is changed', () => {
    const tokens = new HmacPlaybackTokens(SECRET, new ManualClock());
    const { token } = tokens.issue(streamId, null);
    expect(tokens.verify(token, randomUUID())).toBe(false);
    for (let at = 0; at < token.length; at += 7) {
      const changed = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      expect(tokens.verify(changed, streamId), `changed at ${at}`).toBe(false);
    }
  });

  it('is refused when made with another secret, or signed with the media URL secret itself', () => {
    const clock = new ManualClock();
    const tokens = new HmacPlaybackTokens(SECRET, clock);
    const other = new HmacPlaybackTokens(`${SECRET} but another`, clock);
    expect(tokens.verify(other.issue(streamId, null).token, streamId)).toBe(false);
    const [payload] = tokens.issue(streamId, null).token.split('.');
    const withMediaKey = `${payload}.${createHmac('sha256', SECRET).update(payload!).digest('base64url')}`;
    expect(tokens.verify(withMediaKey, streamId)).toBe(false);
  });

  it('refuses what is not a token at all', () => {
    const tokens = new HmacPlaybackTokens(SECRET, new ManualClock());
    for (const junk of ['', '.', 'abc', 'a.b', `${'a'.repeat(5000)}.${'b'.repeat(43)}`, '../../etc']) {
      expect(tokens.verify(junk, streamId)).toBe(false);
    }
    expect(tokens.verify(undefined as unknown as string, streamId)).toBe(false);
  });

  it('is accepted by another instance sharing the secret (several servers behind one address)', () => {
    const clock = new ManualClock();
    const { token } = new HmacPlaybackTokens(SECRET, clock).issue(streamId, null);
    expect(new HmacPlaybackTokens(SECRET, clock).verify(token, streamId)).toBe(true);
  });

  it('refuses a secret too short to sign with', () => {
    expect(() => new HmacPlaybackTokens('short', new ManualClock())).toThrow(/at least 16 bytes/);
  });
});
