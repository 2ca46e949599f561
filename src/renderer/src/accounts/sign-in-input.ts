export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4000';

export interface SignInInput {
  readonly serverUrl: string;
  readonly email: string;
  readonly password: string;
}

export type SignInCheck =
  | { readonly ok: true; readonly input: SignInInput }
  | { readonly ok: false; readonly field: keyof SignInInput; readonly error: string };

/** The server address as typed, without surrounding spaces and trailing slashes, if it is http(s); else null. */
function serverAddress(typed: string): string | null {
  const serverUrl = typed.trim().replace(/\/+$/, '');
  try {
    const url = new URL(serverUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? serverUrl : null;
  } catch {
    return null;
  }
}

/**
 * The server's "forgot password" page (on its fan web app) for the server URL in the form, or null while that
 * is not an http(s) address: the link opens in the system browser.
 */
export function forgotPasswordUrl(typedServerUrl: string): string | null {
  const server = serverAddress(typedServerUrl);
  return server === null ? null : `${server}/forgot-password`;
}

/** Checks the sign-in form before it is sent, with a message per field; the studio checks again. */
export function checkSignIn(form: SignInInput): SignInCheck {
  const serverUrl = serverAddress(form.serverUrl);
  if (serverUrl === null) {
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
