import { describe, expect, it } from 'vitest';
import { resetTokenFrom } from './reset-link';

const token = '0190a5c2-7c1e-7000-8000-000000000000.q1w2e3r4t5y6u7i8o9p0-_AbCdEfGhIjKlMnOpQrStUvW';

describe('resetTokenFrom', () => {
  it("reads the token from the reset link's fragment", () => {
    expect(resetTokenFrom(`#token=${token}`)).toBe(token);
    expect(resetTokenFrom(`token=${token}`)).toBe(token);
    expect(resetTokenFrom(`#from=mail&token=${token}`)).toBe(token);
  });

  it('finds none in an address without one, or with one no server would take', () => {
    for (const hash of ['', '#', '#token=', '#token=%20%20', '#other=x', `#token=${'x'.repeat(201)}`]) {
      expect(resetTokenFrom(hash), hash).toBeNull();
    }
  });
});
