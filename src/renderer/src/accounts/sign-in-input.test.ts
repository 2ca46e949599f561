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

  it('puts one sentence under each wrong field, naming the field once, without a label in front', () => {
    expect(checkSignIn({ serverUrl: 'ftp://x', email: ' ', password: '' })).toEqual({
      ok: false,
      errors: {
        serverUrl: 'Enter the server URL, starting with http:// or https://.',
        email: 'Enter your email address.',
        password: 'Enter your password.',
      },
    });
    // The email by the server's own sign-in rule (the shared emailSchema), as the fan web app checks it.
    expect(checkSignIn({ serverUrl: 'https://mesi.studio', email: 'ana', password: 'pw' })).toEqual({
      ok: false,
      errors: { email: 'Enter a valid email address, like name@example.com.' },
    });
    expect(checkSignIn({ serverUrl: 'https://mesi.studio', email: 'a@b.example', password: '' })).toEqual({
      ok: false,
      errors: { password: 'Enter your password.' },
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
