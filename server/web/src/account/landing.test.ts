import { describe, expect, it } from 'vitest';
import { landingAfterPasswordReset, landingAfterSignUp } from './landing';

describe('landingAfterSignUp', () => {
  it('lands a new creator on the welcome page, keeping the page they came from', () => {
    expect(landingAfterSignUp({ role: 'creator', handle: 'ana' }, '/')).toBe('/welcome');
    expect(landingAfterSignUp({ role: 'creator', handle: 'ana' }, '/c/lea')).toBe('/welcome?next=%2Fc%2Flea');
  });

  it('sends a new fan straight back to the page they signed up from', () => {
    expect(landingAfterSignUp({ role: 'fan', handle: null }, '/c/lea')).toBe('/c/lea');
    expect(landingAfterSignUp({ role: 'fan', handle: null }, '/')).toBe('/');
  });
});

describe('landingAfterPasswordReset', () => {
  it('takes a creator to their own page and a fan home', () => {
    expect(landingAfterPasswordReset({ role: 'creator', handle: 'ana' }, '/')).toBe('/c/ana');
    expect(landingAfterPasswordReset({ role: 'fan', handle: null }, '/')).toBe('/');
  });

  it('goes to the page the reset page was opened with, for anyone', () => {
    expect(landingAfterPasswordReset({ role: 'creator', handle: 'ana' }, '/c/lea')).toBe('/c/lea');
    expect(landingAfterPasswordReset({ role: 'fan', handle: null }, '/c/lea')).toBe('/c/lea');
  });
});
