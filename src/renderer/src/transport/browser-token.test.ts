import { describe, expect, it } from 'vitest';
import { BROWSER_TOKEN_KEY, takeBrowserToken, tokenFromHash } from './browser-token';

function place(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[BROWSER_TOKEN_KEY, stored]] : []);
  const urls: string[] = [];
  return {
    storage,
    urls,
    place: {
      location: { hash, pathname: '/', search: '' },
      history: { replaceState: (_d: unknown, _u: string, url?: string) => void urls.push(url ?? '') },
      storage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
    },
  };
}

describe('the browser-mode token', () => {
  it('is read from #token=…', () => {
    expect(tokenFromHash('#token=abc_123')).toBe('abc_123');
    expect(tokenFromHash('#other=1')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('is taken out of the address bar and kept for reloads of this tab', () => {
    const first = place('#token=secret');
    expect(takeBrowserToken(first.place)).toBe('secret');
    expect(first.urls).toEqual(['/']);
    expect(first.storage.get(BROWSER_TOKEN_KEY)).toBe('secret');
    const reload = place('', 'secret');
    expect(takeBrowserToken(reload.place)).toBe('secret');
    expect(reload.urls).toEqual([]);
  });

  it('is missing when neither the link nor the tab has one', () => {
    expect(takeBrowserToken(place('').place)).toBeNull();
  });
});
