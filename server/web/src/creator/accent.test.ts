import { describe, expect, it } from 'vitest';
import { accentStyle } from './accent';

describe('accentStyle', () => {
  it('sets the accent and the text colour that reads on it', () => {
    expect(accentStyle('#336699')).toEqual({
      '--creator-accent': '#336699',
      '--creator-accent-text': '#ffffff',
    });
    expect(accentStyle('#FFE066')).toEqual({
      '--creator-accent': '#ffe066',
      '--creator-accent-text': '#111111',
    });
  });

  it("falls back to the brand's accent for anything but a hex colour", () => {
    for (const value of ['', 'red', '#fff', 'url(https://evil.example)', '#12345g']) {
      expect(accentStyle(value), value).toEqual({
        '--creator-accent': '#5b4bdb',
        '--creator-accent-text': '#ffffff',
      });
    }
  });
});
