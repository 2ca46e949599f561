import { regexes } from 'zod/v4/core';

// Mirrors the server's `accounts.signUp` / `accounts.signIn` input rules (api.md), so most mistakes are
// caught before a round trip. The server still checks everything; its messages are shown when it refuses.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const DISPLAY_NAME_MAX = 80;
export const HANDLE_PATTERN = /^[a-z0-9_]{3,30}$/;

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export interface SignInForm {
  readonly email: string;
  readonly password: string;
}

export interface SignUpForm extends SignInForm {
  readonly displayName: string;
  readonly isCreator: boolean;
  readonly handle: string;
}

/** The input `accounts.signUp` takes. */
export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: 'fan' | 'creator';
  readonly handle?: string;
}

/** Emails are compared without surrounding spaces; everything else about them is kept as typed. */
export const normaliseEmail = (email: string): string => email.trim();
/** Handles are case-insensitive and stored lower case. */
export const normaliseHandle = (handle: string): string => handle.trim().replace(/^@/, '').toLowerCase();

function emailError(email: string): string | undefined {
  const value = normaliseEmail(email);
  if (value === '') return 'Enter your email address.';
  if (!regexes.email.test(value)) return 'Enter a valid email address, like name@example.com.';
  return undefined;
}

/** What is wrong with a sign-in form, per field; empty when it may be sent. */
export function checkSignIn(form: SignInForm): FieldErrors<'email' | 'password'> {
  const errors: FieldErrors<'email' | 'password'> = {};
  const email = emailError(form.email);
  if (email) errors.email = email;
  if (form.password === '') errors.password = 'Enter your password.';
  return errors;
}

/** What is wrong with a sign-up form, per field; empty when it may be sent. */
export function checkSignUp(form: SignUpForm): FieldErrors<'email' | 'password' | 'displayName' | 'handle'> {
  const errors: FieldErrors<'email' | 'password' | 'displayName' | 'handle'> = {};
  const name = form.displayName.trim();
  if (name === '') errors.displayName = 'Enter the name people will see.';
  else if (name.length > DISPLAY_NAME_MAX) errors.displayName = `Use at most ${DISPLAY_NAME_MAX} characters.`;

  const email = emailError(form.email);
  if (email) errors.email = email;

  if (form.password.length < PASSWORD_MIN) errors.password = `Use at least ${PASSWORD_MIN} characters.`;
  else if (form.password.length > PASSWORD_MAX) errors.password = `Use at most ${PASSWORD_MAX} characters.`;

  if (form.isCreator) {
    const handle = normaliseHandle(form.handle);
    if (handle === '') errors.handle = 'Choose a handle for your page address.';
    else if (!HANDLE_PATTERN.test(handle))
      errors.handle = 'Use 3 to 30 letters, digits or underscores (a-z, 0-9, _).';
  }
  return errors;
}

/** The `accounts.signUp` input for a form that passed `checkSignUp`. */
export function signUpInputOf(form: SignUpForm): SignUpInput {
  const base = {
    email: normaliseEmail(form.email),
    password: form.password,
    displayName: form.displayName.trim(),
  };
  return form.isCreator
    ? { ...base, role: 'creator', handle: normaliseHandle(form.handle) }
    : { ...base, role: 'fan' };
}

export const hasErrors = (errors: Record<string, string | undefined>): boolean =>
  Object.values(errors).some((message) => message !== undefined);
