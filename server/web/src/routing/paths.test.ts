import { describe, expect, it } from 'vitest';
import { authPath, creatorPath, forgotPasswordPath, normaliseHandle, welcomePath } from './paths';

describe('normaliseHandle', () => {
  it('reads a handle whatever its case, with or without @', () => {
    expect(normaliseHandle('ana_draws')).toBe('ana_draws');
    expect(normaliseHandle('Ana_Draws')).toBe('ana_draws');
    expect(normaliseHandle(' @Ana ')).toBe('ana');
  });

  it('is stable, so the canonical address is not redirected again', () => {
    for (const segment of ['Ana_Draws', '@x', 'a b', 'ÄÖ']) {
      const handle = normaliseHandle(segment);
      expect(normaliseHandle(handle)).toBe(handle);
    }
  });
});

describe('paths', () => {
  it("builds a creator's path, escaping what the handle may hold", () => {
    expect(creatorPath('ana_draws')).toBe('/c/ana_draws');
    expect(creatorPath('a/b?c')).toBe('/c/a%2Fb%3Fc');
  });

  it('carries the page to come back to in ?next=, leaving it out for the home page', () => {
    expect(authPath('signin', '/c/ana')).toBe('/signin?next=%2Fc%2Fana');
    expect(authPath('signup', '/')).toBe('/signup');
    expect(authPath('signin')).toBe('/signin');
    expect(forgotPasswordPath('/c/ana')).toBe('/forgot-password?next=%2Fc%2Fana');
    expect(forgotPasswordPath('/')).toBe('/forgot-password');
  });

  it('carries the page a new creator came from to the welcome page, and leaves out the home page', () => {
    expect(welcomePath('/c/ana')).toBe('/welcome?next=%2Fc%2Fana');
    expect(welcomePath('/')).toBe('/welcome');
    expect(welcomePath()).toBe('/welcome');
  });
});
