import { describe, expect, it } from 'vitest';
import { checkSignIn, forgotPasswordUrl } from './sign-in-input';

describe('the sign-in form check', () => {
  it('accepts a server URL, an email and a password, trimming the URL', () => {
    expect(
      checkSignIn({ serverUrl: ' http://127.0.0.1:4000/ ', email: ' ana@example.com', password: 'pw' }),
    ).toEqual({
      ok: true,
      input: { serverUrl: 'http://127.0.0.1:4000', email: 'ana@example.com', password: 'pw' },
    });
  });

  it('names the field that is wrong', () => {
    expect(checkSignIn({ serverUrl: 'ftp://x', email: 'a@b', password: 'pw' })).toMatchObject({
      ok: false,
      field: 'serverUrl',
    });
    expect(checkSignIn({ serverUrl: 'https://mesi.studio', email: 'ana', password: 'pw' })).toMatchObject({
      ok: false,
      field: 'email',
    });
    expect(checkSignIn({ serverUrl: 'https://mesi.studio', email: 'a@b', password: '' })).toMatchObject({
      ok: false,
      field: 'password',
    });
  });

  it('points "Forgot password?" at the typed server’s page, only for an http(s) address', () => {
    expect(forgotPasswordUrl(' http://127.0.0.1:4000/ ')).toBe('http://127.0.0.1:4000/forgot-password');
    expect(forgotPasswordUrl('https://mesi.studio')).toBe('https://mesi.studio/forgot-password');
    expect(forgotPasswordUrl('javascript:alert(1)')).toBeNull();
    expect(forgotPasswordUrl('file:///etc/passwd')).toBeNull();
    expect(forgotPasswordUrl('not a url')).toBeNull();
  });
});
