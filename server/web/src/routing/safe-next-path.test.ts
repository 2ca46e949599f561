import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('returns to a page on this site, keeping its query and fragment', () => {
    expect(safeNextPath('/c/ana')).toBe('/c/ana');
    expect(safeNextPath('/c/ana?tab=posts#latest')).toBe('/c/ana?tab=posts#latest');
  });

  it('goes home when there is nowhere to return to', () => {
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath('')).toBe('/');
  });

  it('never sends anyone to another site', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'c/ana',
      ' /c/ana',
    ]) {
      expect(safeNextPath(next), next).toBe('/');
    }
  });

  it('only ever answers with a same-site path, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.string().map((s) => `/${s}`),
        ),
        (next) => {
          const path = safeNextPath(next);
          expect(path.startsWith('/')).toBe(true);
          expect(path.startsWith('//')).toBe(false);
          expect(new URL(path, 'https://mesi.example').origin).toBe('https://mesi.example');
        },
      ),
    );
  });
});
