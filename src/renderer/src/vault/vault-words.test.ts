import { describe, expect, it } from 'vitest';
import {
  clockDuration,
  fileSize,
  mediaFacts,
  serverStatusText,
  spokenDuration,
  timeLeft,
} from './vault-words';

describe('time left on a job', () => {
  it('counts seconds under a minute, then whole minutes rounded up, then hours', () => {
    expect(timeLeft(12_000)).toBe('12 s left');
    expect(timeLeft(11_200)).toBe('12 s left');
    expect(timeLeft(59_000)).toBe('59 s left');
    expect(timeLeft(60_000)).toBe('about 1 min left');
    expect(timeLeft(61_000)).toBe('about 2 min left');
    expect(timeLeft(59 * 60_000)).toBe('about 59 min left');
    expect(timeLeft(60 * 60_000)).toBe('about 1 h left');
    expect(timeLeft(80 * 60_000)).toBe('about 1 h 20 min left');
  });

  it('says almost done at the end, and nothing for an estimate that makes no sense', () => {
    expect(timeLeft(0)).toBe('almost done');
    expect(timeLeft(-5)).toBe('');
    expect(timeLeft(Number.NaN)).toBe('');
  });
});

describe('durations and sizes', () => {
  it('shows a play length as a player does, and says it in words', () => {
    expect(clockDuration(3_000)).toBe('0:03');
    expect(clockDuration(2_600)).toBe('0:03');
    expect(clockDuration(725_000)).toBe('12:05');
    expect(clockDuration(3_723_000)).toBe('1:02:03');
    expect(spokenDuration(3_000)).toBe('3 seconds');
    expect(spokenDuration(62_000)).toBe('1 minute 2 seconds');
    expect(spokenDuration(3_720_000)).toBe('1 hour 2 minutes');
  });

  it('shows file sizes in decimal units', () => {
    expect(fileSize(1)).toBe('1 byte');
    expect(fileSize(812)).toBe('812 bytes');
    expect(fileSize(4_200_000)).toBe('4.2 MB');
    expect(fileSize(1_500_000_000)).toBe('1.5 GB');
  });
});

describe('what the server holds', () => {
  it('names each state, with the reason of a failure', () => {
    expect(serverStatusText(null, null)).toBe('Only in the studio');
    expect(serverStatusText('ready', null)).toBe('On server');
    expect(serverStatusText('processing', null)).toBe('Server processing');
    expect(serverStatusText('failed', 'ffmpeg cannot read this file')).toBe(
      'Server failed: ffmpeg cannot read this file',
    );
  });
});

describe('an item’s facts line', () => {
  it('names the kind, the length in words, the size in pixels and bytes', () => {
    expect(mediaFacts({ kind: 'video', durationMs: 3000, bytes: 4_200_000, width: 1280, height: 720 })).toBe(
      'Video · 3 seconds · 1280 × 720 · 4.2 MB',
    );
    expect(mediaFacts({ kind: 'photo', durationMs: null, width: 4000, height: 3000 })).toBe(
      'Photo · 4000 × 3000',
    );
    expect(mediaFacts({ kind: 'audio', durationMs: 62_000 })).toBe('Audio · 1 minute 2 seconds');
  });
});
