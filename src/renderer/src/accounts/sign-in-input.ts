export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4000';

export interface SignInInput {
  readonly serverUrl: string;
  readonly email: string;
  readonly password: string;
}

export type SignInCheck =
  | { readonly ok: true; readonly input: SignInInput }
  | { readonly ok: false; readonly field: keyof SignInInput; readonly error: string };

/** Checks the sign-in form before it is sent, with a message per field; the studio checks again. */
export function checkSignIn(form: SignInInput): SignInCheck {
  const serverUrl = form.serverUrl.trim().replace(/\/+$/, '');
  let url: URL | null = null;
  try {
    url = new URL(serverUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return {
      ok: false,
      field: 'serverUrl',
      error: 'Server URL: enter an address starting with http:// or https://.',
    };
  }
  const email = form.email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    return { ok: false, field: 'email', error: 'Email: enter the email address of your creator account.' };
  }
  if (form.password === '') return { ok: false, field: 'password', error: 'Password: enter your password.' };
  return { ok: true, input: { serverUrl, email, password: form.password } };
}
