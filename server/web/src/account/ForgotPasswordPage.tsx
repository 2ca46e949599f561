import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { describeError } from '../api/error-message';
import { useTRPC } from '../api/trpc';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { authPath } from '../routing/paths';
import { safeNextPath } from '../routing/safe-next-path';
import { FormAlert } from './FormAlert';
import { TextField } from './TextField';
import { checkPasswordResetRequest } from './validation';

/** What the sign-in page hands over (in the history state, never the address): the email typed there. */
export interface ForgotPasswordState {
  readonly email?: string;
}

/**
 * `/forgot-password`: asks for the account's email and mails a link to choose a new password. The answer is
 * the same whether or not an account uses the email, so the page never tells who has one.
 */
export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password');
  const trpc = useTRPC();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const [email, setEmail] = useState(() => emailFrom(location.state));
  const [error, setError] = useState<string | undefined>(undefined);
  const request = useMutation(trpc.accounts.requestPasswordReset.mutationOptions());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkPasswordResetRequest({ email });
    setError(checked.ok ? undefined : checked.errors.email);
    request.reset();
    if (checked.ok) request.mutate(checked.input);
  };

  if (request.isSuccess) {
    return (
      <LinkOnItsWay
        next={next}
        developmentOutbox={request.data.developmentOutbox}
        onAgain={() => request.reset()}
      />
    );
  }

  return (
    <section className="auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <p className="auth-card__lead">
        Enter the email you signed up with. We will send you a link to choose a new password.
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert message={request.isError ? describeError(request.error) : null} />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={setEmail}
          error={error}
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={request.isPending}>
          Send the link
        </button>
      </form>
      <p className="auth-card__switch">
        Remembered it? <Link to={authPath('signin', next)}>Back to sign in</Link>
      </p>
    </section>
  );
}

/** The neutral answer: the same words whether or not the email has an account. */
function LinkOnItsWay({
  next,
  developmentOutbox,
  onAgain,
}: {
  readonly next: string;
  /** The server keeps mail in its development outbox folder (never in production). */
  readonly developmentOutbox: boolean;
  readonly onAgain: () => void;
}) {
  // The form the reader was in is gone: the heading takes the focus, so a screen reader reads on from there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="auth-card" aria-labelledby="link-sent-title">
      <h1 id="link-sent-title" ref={heading} tabIndex={-1}>
        Check your email
      </h1>
      <p>
        If an account uses that email, a link to choose a new password is on its way.
        {developmentOutbox && (
          <>
            {' '}
            This server runs without a mail server: the mail is in its mail outbox folder (see the README).
          </>
        )}
      </p>
      <p className="auth-card__lead">
        The link works once, for a short while. Nothing arrived? Check your spam folder, or ask again.
      </p>
      <div className="auth-card__actions">
        <Link to={authPath('signin', next)} className="button button--primary">
          Back to sign in
        </Link>
        <button type="button" className="button" onClick={onAgain}>
          Ask again
        </button>
      </div>
    </section>
  );
}

function emailFrom(state: unknown): string {
  const email = (state as ForgotPasswordState | null)?.email;
  return typeof email === 'string' ? email : '';
}
