import { describe, expect, it } from 'vitest';
import { mediaLabel, mediaSegments, photoGridLayout } from './media-layout';
import type { PageMedia } from './media-types';

const item = (id: string, kind: PageMedia['kind'], caption = ''): PageMedia => ({
  id,
  kind,
  caption,
  width: 800,
  height: 600,
  durationMs: kind === 'photo' ? null : 5_000,
  thumbUrl: null,
  previewUrl: null,
});

const shape = (segments: ReturnType<typeof mediaSegments>) =>
  segments.map((segment) =>
    segment.kind === 'photos'
      ? `photos(${segment.photos.map((p) => p.id).join(',')})`
      : `${segment.kind}(${segment.item.id} ${segment.position}/${segment.count})`,
  );

describe('mediaSegments', () => {
  it('puts all photos in one grid where the first photo stands', () => {
    const media = [item('v1', 'video'), item('p1', 'photo'), item('a1', 'audio'), item('p2', 'photo')];
    expect(shape(mediaSegments(media))).toEqual(['video(v1 1/1)', 'photos(p1,p2)', 'audio(a1 1/1)']);
  });

  it('numbers videos and audio among their own kind, in post order', () => {
    const media = [item('v1', 'video'), item('a1', 'audio'), item('v2', 'video')];
    expect(shape(mediaSegments(media))).toEqual(['video(v1 1/2)', 'audio(a1 1/1)', 'video(v2 2/2)']);
  });

  it('shows nothing for a post without media', () => {
    expect(mediaSegments([])).toEqual([]);
  });
});

describe('photoGridLayout', () => {
  it('shows one photo full width', () => {
    expect(photoGridLayout(1)).toEqual({ shape: 'single', shown: 1, more: 0 });
  });

  it('lays two to four photos out in a grid', () => {
    expect(photoGridLayout(2)).toEqual({ shape: 'pair', shown: 2, more: 0 });
    expect(photoGridLayout(3)).toEqual({ shape: 'triple', shown: 3, more: 0 });
    expect(photoGridLayout(4)).toEqual({ shape: 'quad', shown: 4, more: 0 });
  });

  it('shows four tiles and says "+N" for the rest', () => {
    expect(photoGridLayout(5)).toEqual({ shape: 'quad', shown: 4, more: 1 });
    expect(photoGridLayout(20)).toEqual({ shape: 'quad', shown: 4, more: 16 });
  });

  it('has no grid without photos', () => {
    expect(photoGridLayout(0)).toBeNull();
  });
});

describe('mediaLabel', () => {
  it('is the caption when there is one', () => {
    expect(mediaLabel(item('p', 'photo', '  Kiln at dawn '), 2, 5, 'ana')).toBe('Kiln at dawn');
  });

  it('says which item and whose when there is no caption', () => {
    expect(mediaLabel(item('p', 'photo'), 2, 5, 'ana')).toBe('Photo 2 of 5 by @ana');
    expect(mediaLabel(item('p', 'photo', '   '), 1, 1, 'ana')).toBe('Photo by @ana');
    expect(mediaLabel(item('v', 'video'), 1, 1, 'ana')).toBe('Video by @ana');
    expect(mediaLabel(item('a', 'audio'), 2, 3, 'ana')).toBe('Audio 2 of 3 by @ana');
  });
});
