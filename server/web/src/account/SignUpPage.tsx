import { type FormEvent, useState } from 'react';
import { describeError } from '../api/error-message';
import { api } from '../api/trpc';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { Link } from '../routing/Link';
import { authPath } from '../routing/route';
import { FormAlert } from './FormAlert';
import { TextField } from './TextField';
import { useAfterSignIn } from './useAfterSignIn';
import {
  checkSignUp,
  hasErrors,
  normaliseHandle,
  PASSWORD_MIN,
  signUpInputOf,
  type FieldErrors,
  type SignUpForm,
} from './validation';

const emptyForm: SignUpForm = { displayName: '', email: '', password: '', isCreator: false, handle: '' };

/** Account creation: a fan by default, a creator (with a handle for their page) on request. */
export function SignUpPage() {
  useDocumentTitle('Sign up');
  const { next, done } = useAfterSignIn();
  const [form, setForm] = useState<SignUpForm>(emptyForm);
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password' | 'displayName' | 'handle'>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const set =
    <K extends keyof SignUpForm>(key: K) =>
    (value: SignUpForm[K]) =>
      setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkSignUp(form);
    setErrors(found);
    setFailure(null);
    if (hasErrors(found)) return;
    setSending(true);
    try {
      const { account } = await api.accounts.signUp.mutate(signUpInputOf(form));
      done(account);
    } catch (error) {
      setFailure(describeError(error));
      setSending(false);
    }
  };

  const handlePreview = normaliseHandle(form.handle) || 'yourname';

  return (
    <section className="auth-card" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create your account</h1>
      <p className="auth-card__lead">Follow creators for free and read what they publish.</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <FormAlert message={failure} />
        <TextField
          label="Display name"
          autoComplete="nickname"
          value={form.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
          maxLength={80}
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
        <button type="submit" className="button button--primary button--block" disabled={sending}>
          Sign up
        </button>
      </form>
      <p className="auth-card__switch">
        Already have an account? <Link to={authPath('signin', next)}>Sign in</Link>
      </p>
    </section>
  );
}
