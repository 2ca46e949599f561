import { describe, expect, it } from 'vitest';
import { mediaSummary } from './media-summary';
import type { PageMedia } from './media-types';

let next = 0;
const item = (kind: PageMedia['kind'], durationMs: number | null = null): PageMedia => ({
  id: `m${++next}`,
  kind,
  caption: '',
  width: kind === 'audio' ? null : 1280,
  height: kind === 'audio' ? null : 720,
  durationMs,
  thumbUrl: null,
  previewUrl: null,
});

describe('mediaSummary', () => {
  it('counts each kind, photos first, with the length of videos', () => {
    expect(mediaSummary([item('video', 125_000), item('photo'), item('photo'), item('photo')])).toBe(
      '3 photos · 1 video, 2:05',
    );
  });

  it('adds the lengths of several videos, and of audio', () => {
    expect(mediaSummary([item('video', 60_000), item('video', 65_000), item('audio', 15_000)])).toBe(
      '2 videos, 2:05 · 1 audio track, 0:15',
    );
  });

  it('says one in the singular and leaves out a length it does not know', () => {
    expect(mediaSummary([item('photo')])).toBe('1 photo');
    expect(mediaSummary([item('video'), item('audio'), item('audio')])).toBe('1 video · 2 audio tracks');
  });

  it('counts only the lengths it knows when some are missing', () => {
    expect(mediaSummary([item('video', 30_000), item('video', null)])).toBe('2 videos, 0:30');
  });

  it('is empty for a post without media', () => {
    expect(mediaSummary([])).toBe('');
  });
});
