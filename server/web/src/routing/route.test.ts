import { describe, expect, it } from 'vitest';
import { authPath, creatorPath, matchRoute } from './route';

describe('matchRoute', () => {
  it('shows the home page at the root', () => {
    expect(matchRoute('/')).toEqual({ page: 'home' });
    expect(matchRoute('')).toEqual({ page: 'home' });
  });

  it('shows the sign-in and sign-up forms, with or without a trailing slash', () => {
    expect(matchRoute('/signin')).toEqual({ page: 'signIn' });
    expect(matchRoute('/signup/')).toEqual({ page: 'signUp' });
  });

  it("opens a creator's page by handle, whatever its case", () => {
    expect(matchRoute('/c/ana_draws')).toEqual({ page: 'creator', handle: 'ana_draws' });
    expect(matchRoute('/c/Ana_Draws/')).toEqual({ page: 'creator', handle: 'ana_draws' });
  });

  it('decodes percent-encoded handles and refuses malformed ones', () => {
    expect(matchRoute('/c/ana%5Fdraws')).toEqual({ page: 'creator', handle: 'ana_draws' });
    expect(matchRoute('/c/%E0%A4%A')).toEqual({ page: 'notFound' });
  });

  it('treats every other path as not found', () => {
    for (const path of ['/c', '/c/', '/c/ana/posts', '/signin/extra', '/settings', '//c/ana']) {
      expect(matchRoute(path)).toEqual({ page: 'notFound' });
    }
  });
});

describe('paths', () => {
  it('builds creator paths that match back to the same handle', () => {
    expect(matchRoute(creatorPath('ana_draws'))).toEqual({ page: 'creator', handle: 'ana_draws' });
  });

  it('carries the page to come back to in ?next=, leaving it out for the home page', () => {
    expect(authPath('signin', '/c/ana')).toBe('/signin?next=%2Fc%2Fana');
    expect(authPath('signup', '/')).toBe('/signup');
    expect(authPath('signin')).toBe('/signin');
  });
});
