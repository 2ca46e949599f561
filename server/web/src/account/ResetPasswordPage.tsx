import { PASSWORD_MIN } from '@shared/domain/accounts/account-fields';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { describeError, failedCallOf } from '../api/error-message';
import { useTRPC } from '../api/trpc';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { forgotPasswordPath } from '../routing/paths';
import { FormAlert } from './FormAlert';
import { landingAfterPasswordReset } from './landing';
import { resetTokenFrom } from './reset-link';
import { TextField } from './TextField';
import { useAfterSignIn } from './useAfterSignIn';
import {
  asSentence,
  checkNewPassword,
  type FieldErrors,
  type NewPasswordField,
  type NewPasswordForm,
} from './validation';

const MISSING_TOKEN =
  'This page opens from the link in a password-reset mail, and the address has no reset token. Open the link from the mail again, or ask for a new one.';

/**
 * `/reset-password#token=…`, opened from the reset mail: choose a new password, typed twice. The server then
 * signs the account in (every other session ends), and the page goes on to the account's page or home.
 */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const trpc = useTRPC();
  const { hash } = useLocation();
  const token = resetTokenFrom(hash);
  const { next, done } = useAfterSignIn();
  const [form, setForm] = useState<NewPasswordForm>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors<NewPasswordField>>({});
  // Replacing the address on success also drops the token from the browser's history.
  const reset = useMutation(
    trpc.accounts.resetPassword.mutationOptions({
      onSuccess: ({ account }) => done(account, landingAfterPasswordReset(account, next)),
    }),
  );

  if (token === null) return <LinkRefused message={MISSING_TOKEN} focus={false} />;

  const failure = reset.isError ? failedCallOf(reset.error) : null;
  // The server refuses a new password field by field ("password: …"); any other BAD_REQUEST is the link itself
  // (unknown, used or expired), and is shown as the server words it.
  const passwordRefusal =
    failure?.code === 'BAD_REQUEST' ? /^password: (.*)$/s.exec(failure.message ?? '') : null;
  if (failure?.code === 'BAD_REQUEST' && !passwordRefusal) {
    return (
      <LinkRefused message={failure.message ?? 'This reset link cannot be used; ask for a new one.'} focus />
    );
  }

  const set = (key: NewPasswordField) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkNewPassword(token, form);
    setErrors(checked.ok ? {} : checked.errors);
    reset.reset();
    if (checked.ok) reset.mutate(checked.input);
  };

  return (
    <section className="auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <p className="auth-card__lead">
        Once it is saved you are signed in here, and signed out everywhere else.
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={failure && !passwordRefusal ? describeError(reset.error) : null} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          value={form.password}
          onChange={set('password')}
          error={errors.password ?? (passwordRefusal?.[1] ? asSentence(passwordRefusal[1]) : undefined)}
          required
        />
        <TextField
          label="New password again"
          type="password"
          autoComplete="new-password"
          value={form.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={reset.isPending}>
          Save and sign in
        </button>
      </form>
    </section>
  );
}

/**
 * A link that cannot be used (none in the address, or refused by the server), and the way to a new one. When
 * it replaces the form the reader was in, its heading takes the focus, so a screen reader reads on from there.
 */
function LinkRefused({ message, focus }: { readonly message: string; readonly focus: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section className="auth-card" aria-labelledby="reset-refused-title">
      <h1 id="reset-refused-title" ref={heading} tabIndex={-1}>
        This link does not work
      </h1>
      <p className="form-alert" role="alert">
        {message}
      </p>
      <div className="auth-card__actions">
        <Link to={forgotPasswordPath()} className="button button--primary">
          Ask for a new link
        </Link>
      </div>
    </section>
  );
}
