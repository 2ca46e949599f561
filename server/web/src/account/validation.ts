import {
  requestPasswordResetInputSchema,
  resetPasswordInputSchema,
  signInInputSchema,
  signUpInputSchema,
  type RequestPasswordResetInput,
  type ResetPasswordInput,
  type SignInInput,
  type SignUpInput,
} from '@shared/domain/accounts/account-fields';
import { issuesByField, type InputIssue } from '@shared/domain/input-issues';

// The forms check their fields with the very schemas the server's `accounts.*` mutations take
// (src/shared/domain/accounts/account-fields.ts), so most mistakes are caught before a round trip. The server
// still checks everything; its message is shown when it refuses.

export interface SignInForm {
  readonly email: string;
  readonly password: string;
}

export interface SignUpForm extends SignInForm {
  readonly displayName: string;
  readonly isCreator: boolean;
  readonly handle: string;
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Either the input to send, or what is wrong with the form, per field. */
export type FormCheck<I, F extends string> =
  { readonly ok: true; readonly input: I } | { readonly ok: false; readonly errors: FieldErrors<F> };

export type SignInField = keyof SignInForm;
export type SignUpField = 'email' | 'password' | 'displayName' | 'handle';

/** The sign-in form as `accounts.signIn` input (email trimmed, password exactly as typed), or its errors. */
export function checkSignIn(form: SignInForm): FormCheck<SignInInput, SignInField> {
  const result = signInInputSchema.safeParse({ email: form.email, password: form.password });
  return result.success
    ? { ok: true, input: result.data }
    : { ok: false, errors: fieldErrors(result.error.issues, ['email', 'password']) };
}

/**
 * The sign-up form as `accounts.signUp` input, or its errors. A fan signs up without a handle, whatever the
 * hidden handle field holds; a creator's handle is read case-insensitively and sent lower case.
 */
export function checkSignUp(form: SignUpForm): FormCheck<SignUpInput, SignUpField> {
  const handle = form.isCreator && form.handle.trim() !== '' ? form.handle : undefined;
  const result = signUpInputSchema.safeParse({
    email: form.email,
    password: form.password,
    displayName: form.displayName,
    role: form.isCreator ? 'creator' : 'fan',
    ...(handle === undefined ? {} : { handle }),
  });
  return result.success
    ? { ok: true, input: result.data }
    : {
        ok: false,
        errors: fieldErrors(result.error.issues, ['email', 'password', 'displayName', 'handle']),
      };
}

/** The forgotten-password form as `accounts.requestPasswordReset` input (email trimmed), or its error. */
export function checkPasswordResetRequest(form: {
  readonly email: string;
}): FormCheck<RequestPasswordResetInput, 'email'> {
  const result = requestPasswordResetInputSchema.safeParse({ email: form.email });
  return result.success
    ? { ok: true, input: result.data }
    : { ok: false, errors: fieldErrors(result.error.issues, ['email']) };
}

export interface NewPasswordForm {
  readonly password: string;
  /** The same password typed again: a typo in a field nobody can read would lock the owner out. */
  readonly confirm: string;
}

export type NewPasswordField = keyof NewPasswordForm;

/**
 * A new password (by sign-up's rules: the shared schema) and the reset link's token as `accounts.resetPassword`
 * input, or what is wrong with the form. The token is not a field: the page checks it is there before it
 * shows the form.
 */
export function checkNewPassword(
  token: string,
  form: NewPasswordForm,
): FormCheck<ResetPasswordInput, NewPasswordField> {
  const result = resetPasswordInputSchema.safeParse({ token, password: form.password });
  const errors: FieldErrors<NewPasswordField> = result.success
    ? {}
    : fieldErrors(result.error.issues, ['password']);
  if (form.confirm === '') errors.confirm = 'Type the new password again.';
  else if (form.confirm !== form.password)
    errors.confirm = 'The two passwords differ; type the same one twice.';
  if (result.success && Object.keys(errors).length === 0) return { ok: true, input: result.data };
  return { ok: false, errors };
}

/** A rule's message as a sentence: `use at least 10 characters` → `Use at least 10 characters.` */
export function asSentence(message: string): string {
  const text = message.trim();
  if (text === '') return text;
  const sentence = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

// The first message per form field; an issue about anything else (the role, the whole input) cannot be fixed
// in a field, and the server will say so if it matters.
function fieldErrors<F extends string>(issues: readonly InputIssue[], fields: readonly F[]): FieldErrors<F> {
  const byField = issuesByField(issues);
  const errors: FieldErrors<F> = {};
  for (const field of fields) {
    const message = byField[field];
    if (message !== undefined) errors[field] = asSentence(message);
  }
  return errors;
}
