import { describe, expect, it } from 'vitest';
import { watchSummary } from './watch-folder';

describe('the watched folder’s summary', () => {
  it('says off, watching where, or why not', () => {
    expect(watchSummary({ path: null, enabled: false, watching: false, lastError: null })).toBe('Off.');
    expect(watchSummary({ path: '/p/Camera', enabled: true, watching: true, lastError: null })).toBe(
      'Watching /p/Camera: new photos, videos and audio there are imported.',
    );
    expect(
      watchSummary({ path: '/p/Camera', enabled: true, watching: false, lastError: 'The folder is gone' }),
    ).toBe('Not watching /p/Camera: The folder is gone.');
  });
});
