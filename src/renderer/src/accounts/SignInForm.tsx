import { useState, type FormEvent } from 'react';
import { errorMessage } from '../errors/error-message';
import { Field } from '../forms/Field';
import { useAppDispatch, useAppSelector } from '../store/hooks';
import { screenChosen } from '../shell/navigation-slice';
import { useStudioClient } from '../transport/client-context';
import {
  checkSignIn,
  DEFAULT_SERVER_URL,
  forgotPasswordUrl,
  SIGN_IN_FIELDS,
  type SignInErrors,
  type SignInField,
  type SignInInput,
} from './sign-in-input';

/** Each field's control, so the first field to fix can take focus. */
const FIELD_IDS: Readonly<Record<SignInField, string>> = {
  serverUrl: 'sign-in-server-url',
  email: 'sign-in-email',
  password: 'sign-in-password',
};

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
  // The form's own checks, each under its field (as the other forms show theirs); the server's refusal below.
  const [fieldErrors, setFieldErrors] = useState<SignInErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkSignIn(form);
    setError(null);
    if (!checked.ok) {
      setFieldErrors(checked.errors);
      // Focus goes to the first field to fix, as in the post editor.
      const first = SIGN_IN_FIELDS.find((name) => checked.errors[name] !== undefined);
      if (first) document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await client.accounts.signIn.mutate(checked.input);
      setForm((previous) => ({ ...previous, email: '', password: '' }));
      dispatch(screenChosen('content'));
    } catch (cause) {
      setError(errorMessage(cause));
      setForm((previous) => ({ ...previous, password: '' }));
    } finally {
      setBusy(false);
    }
  }

  const forgotUrl = forgotPasswordUrl(form.serverUrl);

  const field = (name: SignInField) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <Field label="Server URL" id={FIELD_IDS.serverUrl} error={fieldErrors.serverUrl}>
        {(id, errorLink) => (
          <input id={id} type="url" autoComplete="url" required {...field('serverUrl')} {...errorLink} />
        )}
      </Field>
      <Field label="Email" id={FIELD_IDS.email} error={fieldErrors.email}>
        {(id, errorLink) => (
          <input id={id} type="email" autoComplete="username" required {...field('email')} {...errorLink} />
        )}
      </Field>
      <Field label="Password" id={FIELD_IDS.password} error={fieldErrors.password}>
        {(id, errorLink) => (
          <input
            id={id}
            type="password"
            autoComplete="current-password"
            required
            {...field('password')}
            {...errorLink}
          />
        )}
      </Field>
      {error && (
        <p id="sign-in-error" className="form-error" role="alert">
          {error}
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
