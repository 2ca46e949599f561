import { describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { MAX_SIGNED_TTL_MS, MediaUrls, MIN_SIGNED_TTL_MS } from './media-urls';

const ID = '0190a0b0-0000-7000-8000-000000000001';
const OTHER = '0190a0b0-0000-7000-8000-000000000002';

function partsOf(url: string) {
  const parsed = new URL(url, 'http://x');
  return {
    path: parsed.pathname,
    exp: parsed.searchParams.get('exp') ?? undefined,
    sig: parsed.searchParams.get('sig') ?? undefined,
  };
}

describe('MediaUrls', () => {
  const clock = new ManualClock('2026-03-01T12:00:00Z');
  const urls = new MediaUrls('a secret of at least sixteen bytes', clock);

  it('signs one file of one item until it expires', () => {
    const { path, exp, sig } = partsOf(urls.signed(ID, 'full.mp4', new Date('2026-03-01T12:10:00Z')));
    expect(path).toBe(`/media/${ID}/full.mp4`);
    expect(exp).toBe(String(Date.parse('2026-03-01T12:10:00Z') / 1000));
    expect(urls.verify(ID, 'full.mp4', exp, sig)).toBe(true);
    expect(urls.verify(OTHER, 'full.mp4', exp, sig)).toBe(false);
    expect(urls.verify(ID, 'poster.webp', exp, sig)).toBe(false);
    expect(urls.verify(ID, 'full.mp4', String(Number(exp) + 60), sig)).toBe(false);
    expect(urls.verify(ID, 'full.mp4', exp, undefined)).toBe(false);
    expect(urls.verify(ID, 'full.mp4', exp, `${sig}x`)).toBe(false);
    expect(new MediaUrls('another secret, sixteen bytes+', clock).verify(ID, 'full.mp4', exp, sig)).toBe(
      false,
    );
  });

  it('refuses a signature once its time has passed', () => {
    const local = new ManualClock('2026-03-01T12:00:00Z');
    const signer = new MediaUrls('a secret of at least sixteen bytes', local);
    const { exp, sig } = partsOf(signer.signedFor(ID, 'full.webp', null));
    local.advance(MIN_SIGNED_TTL_MS - 1000);
    expect(signer.verify(ID, 'full.webp', exp, sig)).toBe(true);
    local.advance(1000);
    expect(signer.verify(ID, 'full.webp', exp, sig)).toBe(false);
  });

  it('gives video twice its duration, between 10 minutes and 6 hours', () => {
    expect(urls.ttlFor(null)).toBe(MIN_SIGNED_TTL_MS);
    expect(urls.ttlFor(60_000)).toBe(MIN_SIGNED_TTL_MS);
    expect(urls.ttlFor(3_600_000)).toBe(7_200_000);
    expect(urls.ttlFor(10 * 3_600_000)).toBe(MAX_SIGNED_TTL_MS);
  });

  it('gives public renditions a plain path', () => {
    expect(urls.public(ID, 'thumb.webp')).toBe(`/media/${ID}/thumb.webp`);
  });
});
