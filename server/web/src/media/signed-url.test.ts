import { describe, expect, it } from 'vitest';
import type { PageEntry } from '../api/types';
import type { OpenMedia, PageMedia } from './media-types';
import {
  isSignedUrl,
  mediaFailureOf,
  recentRefreshes,
  REFRESH_LIMIT,
  REFRESH_WINDOW_MS,
  shouldRefreshSignedUrl,
  signedUrlsIn,
} from './signed-url';

const SIGNED = '/media/0190c0de-0000-7000-8000-000000000001/full.mp4?exp=1767225600&sig=abc_-123';
const PUBLIC = '/media/0190c0de-0000-7000-8000-000000000001/preview.mp4';
const NOW = 1_767_225_000_000;

describe('mediaFailureOf', () => {
  it("reads a media element's error code", () => {
    expect(mediaFailureOf(1)).toBe('aborted');
    expect(mediaFailureOf(2)).toBe('network');
    expect(mediaFailureOf(3)).toBe('decode');
    expect(mediaFailureOf(4)).toBe('unreadable');
  });

  it('takes a failure without a code (an image) as unreadable', () => {
    expect(mediaFailureOf(undefined)).toBe('unreadable');
    expect(mediaFailureOf(99)).toBe('unreadable');
  });
});

describe('isSignedUrl', () => {
  it('knows a signed URL by its expiry and signature', () => {
    expect(isSignedUrl(SIGNED)).toBe(true);
    expect(isSignedUrl(PUBLIC)).toBe(false);
    expect(isSignedUrl('/media/x/full.mp4?exp=1')).toBe(false);
  });
});

describe('shouldRefreshSignedUrl', () => {
  const failed = (overrides: Partial<Parameters<typeof shouldRefreshSignedUrl>[0]> = {}) =>
    shouldRefreshSignedUrl({ failure: 'network', url: SIGNED, refreshedAt: [], now: NOW, ...overrides });

  it('refreshes a signed URL whose fetch failed mid-playback or on the first request', () => {
    expect(failed({ failure: 'network' })).toBe(true);
    expect(failed({ failure: 'unreadable' })).toBe(true);
  });

  it('does not refresh what a fresh URL would not fix', () => {
    expect(failed({ failure: 'decode' })).toBe(false);
    expect(failed({ failure: 'aborted' })).toBe(false);
    expect(failed({ url: PUBLIC })).toBe(false);
  });

  it(`stops after ${REFRESH_LIMIT} refreshes in a while, and tries again once they are old`, () => {
    const recent = [NOW - 60_000, NOW - 30_000, NOW - 1_000];
    expect(failed({ refreshedAt: recent.slice(0, 2) })).toBe(true);
    expect(failed({ refreshedAt: recent })).toBe(false);
    expect(failed({ refreshedAt: recent, now: NOW + REFRESH_WINDOW_MS })).toBe(true);
  });
});

describe('recentRefreshes', () => {
  it('keeps the refreshes inside the window only', () => {
    expect(recentRefreshes([NOW - REFRESH_WINDOW_MS, NOW - REFRESH_WINDOW_MS + 1, NOW], NOW)).toEqual([
      NOW - REFRESH_WINDOW_MS + 1,
      NOW,
    ]);
  });
});

describe('signedUrlsIn', () => {
  const item = (id: string): PageMedia => ({
    id,
    kind: 'video',
    caption: '',
    width: 1280,
    height: 720,
    durationMs: 125_000,
    thumbUrl: `/media/${id}/thumb.webp`,
    previewUrl: `/media/${id}/preview.mp4`,
  });
  const signed = (id: string): OpenMedia => ({
    ...item(id),
    fullUrl: `/media/${id}/full.mp4?exp=2&sig=s`,
    posterUrl: `/media/${id}/poster.webp?exp=2&sig=p`,
  });
  const at = '2025-03-12T10:00:00.000Z';
  const open = (id: string, media: OpenMedia[]): PageEntry => ({
    id,
    title: id,
    publishedAt: at,
    access: 'open',
    body: '',
    media,
  });
  const locked = (id: string, media: PageMedia[]): PageEntry => ({
    id,
    title: id,
    publishedAt: at,
    access: 'locked',
    media,
    unlockHint: 'Subscribers',
    unlocksByFollowing: false,
  });

  it('finds an open item on any loaded page', () => {
    const data = { pages: [{ posts: [open('a', [signed('m1')])] }, { posts: [open('b', [signed('m2')])] }] };
    expect(signedUrlsIn(data, 'm2')).toEqual({
      fullUrl: '/media/m2/full.mp4?exp=2&sig=s',
      posterUrl: '/media/m2/poster.webp?exp=2&sig=p',
    });
  });

  it('finds nothing for an item gone, locked again, or before any page', () => {
    const data = { pages: [{ posts: [locked('a', [item('m1')]), open('b', [])] }] };
    expect(signedUrlsIn(data, 'm1')).toBeNull();
    expect(signedUrlsIn(data, 'm9')).toBeNull();
    expect(signedUrlsIn(undefined, 'm1')).toBeNull();
  });
});
