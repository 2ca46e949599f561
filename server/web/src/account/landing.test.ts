import { describe, expect, it } from 'vitest';
import { landingAfterSignUp } from './landing';

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
