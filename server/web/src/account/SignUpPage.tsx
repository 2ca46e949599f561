import { DISPLAY_NAME_MAX, PASSWORD_MIN } from '@shared/domain/accounts/account-fields';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/error-message';
import { useTRPC } from '../api/trpc';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { authPath, normaliseHandle } from '../routing/paths';
import { FormAlert } from './FormAlert';
import { landingAfterSignUp } from './landing';
import { TextField } from './TextField';
import { useAfterSignIn } from './useAfterSignIn';
import { checkSignUp, type FieldErrors, type SignUpField, type SignUpForm } from './validation';

const emptyForm: SignUpForm = { displayName: '', email: '', password: '', isCreator: false, handle: '' };

/** Account creation: a fan by default, a creator (with a handle for their page) on request. */
export function SignUpPage() {
  useDocumentTitle('Sign up');
  const trpc = useTRPC();
  const { next, done } = useAfterSignIn();
  const [form, setForm] = useState<SignUpForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors<SignUpField>>({});
  const signUp = useMutation(
    trpc.accounts.signUp.mutationOptions({
      onSuccess: ({ account }) => done(account, landingAfterSignUp(account, next)),
    }),
  );

  const set =
    <K extends keyof SignUpForm>(key: K) =>
    (value: SignUpForm[K]) =>
      setForm((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkSignUp(form);
    setErrors(checked.ok ? {} : checked.errors);
    signUp.reset();
    if (checked.ok) signUp.mutate(checked.input);
  };

  const handlePreview = normaliseHandle(form.handle) || 'yourname';

  return (
    <section className="auth-card" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create your account</h1>
      <p className="auth-card__lead">Follow creators for free and read what they publish.</p>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={signUp.isError ? describeError(signUp.error) : null} />
        <TextField
          label="Display name"
          autoComplete="nickname"
          value={form.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
          maxLength={DISPLAY_NAME_MAX}
          required
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={form.email}
          onChange={set('email')}
          error={errors.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          value={form.password}
          onChange={set('password')}
          error={errors.password}
          required
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.isCreator}
            onChange={(event) => set('isCreator')(event.target.checked)}
          />
          <span>I&rsquo;m a creator</span>
        </label>
        {form.isCreator ? (
          <TextField
            label="Handle"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            hint={`Your page will be at /c/${handlePreview}. Letters, digits and _, 3 to 30 characters.`}
            value={form.handle}
            onChange={set('handle')}
            error={errors.handle}
            maxLength={31}
            required
          />
        ) : null}
        <button type="submit" className="button button--primary button--block" disabled={signUp.isPending}>
          Sign up
        </button>
      </form>
      <p className="auth-card__switch">
        Already have an account? <Link to={authPath('signin', next)}>Sign in</Link>
      </p>
    </section>
  );
}
