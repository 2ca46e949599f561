import { useState, type FormEvent } from 'react';
import { errorMessage } from '../errors/error-message';
import { Field } from '../forms/Field';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { screenChosen } from '../shell/navigation-slice';
import { useStudioClient } from '../transport/client-context';
import { checkSignIn, DEFAULT_SERVER_URL, forgotPasswordUrl, type SignInInput } from './sign-in-input';

/** Signs a creator or manager account in; it becomes the active account. */
export function SignInForm() {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  // The server `npm start` runs beside the studio, when there is one: its port may be any (`--port 0`).
  const localServerUrl = useAppSelector((state) => state.studio.state?.localServerUrl ?? null);
  const [form, setForm] = useState<SignInInput>({
    serverUrl: localServerUrl ?? DEFAULT_SERVER_URL,
    email: '',
    password: '',
  });
  const [error, setError] = useState<{ field: keyof SignInInput | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkSignIn(form);
    if (!checked.ok) {
      setError({ field: checked.field, text: checked.error });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await client.accounts.signIn.mutate(checked.input);
      setForm((previous) => ({ ...previous, email: '', password: '' }));
      dispatch(screenChosen('content'));
    } catch (cause) {
      setError({ field: null, text: errorMessage(cause) });
      setForm((previous) => ({ ...previous, password: '' }));
    } finally {
      setBusy(false);
    }
  }

  const forgotUrl = forgotPasswordUrl(form.serverUrl);

  const field = (name: keyof SignInInput) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
    'aria-invalid': error?.field === name ? true : undefined,
    'aria-describedby': error ? 'sign-in-error' : undefined,
  });

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <Field label="Server URL">
        {(id) => <input id={id} type="url" autoComplete="url" required {...field('serverUrl')} />}
      </Field>
      <Field label="Email">
        {(id) => <input id={id} type="email" autoComplete="username" required {...field('email')} />}
      </Field>
      <Field label="Password">
        {(id) => (
          <input id={id} type="password" autoComplete="current-password" required {...field('password')} />
        )}
      </Field>
      {error && (
        <p id="sign-in-error" className="form-error" role="alert">
          {error.text}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {forgotUrl !== null && (
          // Opens in the system browser: a new tab in browser mode; Electron's window-open handler hands
          // http(s) links to the system browser (externalLinkToOpen) and never opens a window of its own.
          <a className="text-link" href={forgotUrl} target="_blank" rel="noopener noreferrer">
            Forgot password?
          </a>
        )}
      </div>
    </form>
  );
}
