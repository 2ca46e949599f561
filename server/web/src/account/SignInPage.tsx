import { type FormEvent, useState } from 'react';
import { describeError } from '../api/error-message';
import { api } from '../api/trpc';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { Link } from '../routing/Link';
import { authPath } from '../routing/route';
import { FormAlert } from './FormAlert';
import { TextField } from './TextField';
import { useAfterSignIn } from './useAfterSignIn';
import { checkSignIn, hasErrors, normaliseEmail, type FieldErrors } from './validation';

/** Email and password sign-in; the server sets the session cookie. */
export function SignInPage() {
  useDocumentTitle('Sign in');
  const { next, done } = useAfterSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password'>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkSignIn({ email, password });
    setErrors(found);
    setFailure(null);
    if (hasErrors(found)) return;
    setSending(true);
    try {
      const { account } = await api.accounts.signIn.mutate({ email: normaliseEmail(email), password });
      done(account);
    } catch (error) {
      setFailure(describeError(error));
      setSending(false);
    }
  };

  return (
    <section className="auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p className="auth-card__lead">Welcome back. Sign in to follow creators and read what they share.</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <FormAlert message={failure} />
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
        <button type="submit" className="button button--primary button--block" disabled={sending}>
          Sign in
        </button>
      </form>
      <p className="auth-card__switch">
        New to Mesi? <Link to={authPath('signup', next)}>Create an account</Link>
      </p>
    </section>
  );
}
