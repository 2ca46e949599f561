import { describe, expect, it } from 'vitest';
import {
  engineAfterFailure,
  firstEngine,
  FLV_ATTEMPTS_BEFORE_HLS,
  type PlaybackSupport,
  withToken,
} from './playback-engine';

const everything: PlaybackSupport = { flv: true, hlsJs: true, nativeHls: false };
const iphone: PlaybackSupport = { flv: false, hlsJs: false, nativeHls: true };
const nothing: PlaybackSupport = { flv: false, hlsJs: false, nativeHls: false };

describe('firstEngine', () => {
  it('starts on HTTP-FLV where Media Source Extensions play it (the lowest latency)', () => {
    expect(firstEngine(everything)).toBe('flv');
  });

  it('starts on hls.js without live FLV support, and on native HLS without MSE', () => {
    expect(firstEngine({ flv: false, hlsJs: true, nativeHls: true })).toBe('hls.js');
    expect(firstEngine(iphone)).toBe('native-hls');
  });

  it('has nothing to offer a browser that plays neither', () => {
    expect(firstEngine(nothing)).toBeNull();
  });
});

describe('engineAfterFailure', () => {
  it('retries FLV after a dropped connection (the stream or the server comes back)', () => {
    expect(
      engineAfterFailure({ engine: 'flv', kind: 'network', failuresWithoutPlaying: 1, support: everything }),
    ).toBe('flv');
  });

  it('moves to HLS when FLV fails again and again without a single frame', () => {
    expect(
      engineAfterFailure({
        engine: 'flv',
        kind: 'network',
        failuresWithoutPlaying: FLV_ATTEMPTS_BEFORE_HLS,
        support: everything,
      }),
    ).toBe('hls.js');
  });

  it('moves to HLS at once when the browser cannot decode the FLV stream', () => {
    expect(
      engineAfterFailure({ engine: 'flv', kind: 'media', failuresWithoutPlaying: 1, support: everything }),
    ).toBe('hls.js');
  });

  it('keeps to FLV when there is no HLS to move to', () => {
    expect(
      engineAfterFailure({
        engine: 'flv',
        kind: 'media',
        failuresWithoutPlaying: 9,
        support: { flv: true, hlsJs: false, nativeHls: false },
      }),
    ).toBe('flv');
  });

  it('never goes back from HLS to FLV', () => {
    for (const kind of ['network', 'media'] as const) {
      expect(
        engineAfterFailure({ engine: 'hls.js', kind, failuresWithoutPlaying: 5, support: everything }),
      ).toBe('hls.js');
      expect(
        engineAfterFailure({ engine: 'native-hls', kind, failuresWithoutPlaying: 5, support: iphone }),
      ).toBe('native-hls');
    }
  });
});

describe('withToken', () => {
  const token = 'eyJzIjoiYWJjIn0.c2lnbmF0dXJl';
  it('swaps the token in an HLS path, for the playlist and every segment', () => {
    expect(withToken(`http://h/live/hls/${token}/s1/index.m3u8`, token, 'fresh')).toBe(
      'http://h/live/hls/fresh/s1/index.m3u8',
    );
    expect(withToken(`http://h/live/hls/${token}/s1/seg-12.ts`, token, 'fresh')).toBe(
      'http://h/live/hls/fresh/s1/seg-12.ts',
    );
  });

  it('swaps a token in the query too, and leaves a URL without it alone', () => {
    expect(withToken(`http://h:8000/live/s1.flv?token=${token}`, token, 'fresh')).toBe(
      'http://h:8000/live/s1.flv?token=fresh',
    );
    expect(withToken('http://h/other.ts', token, 'fresh')).toBe('http://h/other.ts');
    expect(withToken('http://h/x', '', 'fresh')).toBe('http://h/x');
  });
});
