import { signInInputSchema } from '@shared/domain/accounts/account-fields';
import { issuesByField } from '@shared/domain/input-issues';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4000';

export interface SignInInput {
  readonly serverUrl: string;
  readonly email: string;
  readonly password: string;
}

export type SignInField = keyof SignInInput;
export type SignInErrors = Partial<Record<SignInField, string>>;

export type SignInCheck =
  { readonly ok: true; readonly input: SignInInput } | { readonly ok: false; readonly errors: SignInErrors };

/** The fields in the order the form shows them (the first wrong one takes focus). */
export const SIGN_IN_FIELDS: readonly SignInField[] = ['serverUrl', 'email', 'password'];

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

/**
 * Checks the sign-in form before it is sent, with a message per field, each one sentence naming its field
 * once ('Enter your email address.'): the email and password by the server's own `accounts.signIn` rules and
 * the shared issuesByField, as the fan web app's sign-in does. The studio checks again.
 */
export function checkSignIn(form: SignInInput): SignInCheck {
  const serverUrl = serverAddress(form.serverUrl);
  const account = signInInputSchema.safeParse({ email: form.email, password: form.password });
  const errors: Record<string, string> = account.success ? {} : issuesByField(account.error.issues);
  const found: SignInErrors = {
    ...(serverUrl === null ? { serverUrl: 'Enter the server URL, starting with http:// or https://.' } : {}),
    ...(errors.email ? { email: errors.email } : {}),
    ...(errors.password ? { password: errors.password } : {}),
  };
  if (serverUrl === null || !account.success) return { ok: false, errors: found };
  return { ok: true, input: { serverUrl, email: account.data.email, password: account.data.password } };
}
