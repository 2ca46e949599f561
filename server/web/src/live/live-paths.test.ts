import { describe, expect, it } from 'vitest';
import { isStreamId, watchPath } from './live-paths';

describe('watchPath', () => {
  it("is the stream's address under its creator's page", () => {
    expect(watchPath('ana', '0b6f7c1e-2d3a-4f5b-8c9d-0e1f2a3b4c5d')).toBe(
      '/c/ana/live/0b6f7c1e-2d3a-4f5b-8c9d-0e1f2a3b4c5d',
    );
  });
});

describe('isStreamId', () => {
  it('takes a UUID in either case and nothing else', () => {
    expect(isStreamId('0b6f7c1e-2d3a-4f5b-8c9d-0e1f2a3b4c5d')).toBe(true);
    expect(isStreamId('0B6F7C1E-2D3A-4F5B-8C9D-0E1F2A3B4C5D')).toBe(true);
    for (const bad of [
      '',
      'live',
      '0b6f7c1e-2d3a-4f5b-8c9d',
      '../../etc',
      '0b6f7c1e-2d3a-4f5b-8c9d-0e1f2a3b4c5dx',
    ]) {
      expect(isStreamId(bad), bad).toBe(false);
    }
  });
});
