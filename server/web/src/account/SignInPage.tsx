import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/error-message';
import { useTRPC } from '../api/trpc';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { authPath, forgotPasswordPath } from '../routing/paths';
import type { ForgotPasswordState } from './ForgotPasswordPage';
import { FormAlert } from './FormAlert';
import { TextField } from './TextField';
import { useAfterSignIn } from './useAfterSignIn';
import { checkSignIn, type FieldErrors, type SignInField } from './validation';

/** Email and password sign-in; the server sets the session cookie. */
export function SignInPage() {
  useDocumentTitle('Sign in');
  const trpc = useTRPC();
  const { next, done } = useAfterSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SignInField>>({});
  const signIn = useMutation(
    trpc.accounts.signIn.mutationOptions({ onSuccess: ({ account }) => done(account) }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkSignIn({ email, password });
    setErrors(checked.ok ? {} : checked.errors);
    signIn.reset();
    if (checked.ok) signIn.mutate(checked.input);
  };

  return (
    <section className="auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p className="auth-card__lead">Welcome back. Sign in to follow creators and read what they share.</p>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={signIn.isError ? describeError(signIn.error) : null} />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={setEmail}
          error={errors.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={errors.password}
          required
        />
        <p className="form__aside">
          <Link to={forgotPasswordPath(next)} state={{ email } satisfies ForgotPasswordState}>
            Forgot password?
          </Link>
        </p>
        <button type="submit" className="button button--primary button--block" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
      <p className="auth-card__switch">
        New to Mesi? <Link to={authPath('signup', next)}>Create an account</Link>
      </p>
    </section>
  );
}
