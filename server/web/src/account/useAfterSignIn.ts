import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { AccountView } from '../api/types';
import { safeNextPath } from '../routing/safe-next-path';
import { useSessionUpdates } from '../session/session';

export interface AfterSignIn {
  /** The page the form came from (`?next=`, same-site paths only). */
  readonly next: string;
  /** Records the account the server accepted and goes on, to `next` unless told where. */
  readonly done: (account: AccountView, landing?: string) => void;
}

/** Where the form came from and what to do once the server accepted it. */
export function useAfterSignIn(): AfterSignIn {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { signedIn } = useSessionUpdates();
  const next = safeNextPath(searchParams.get('next'));
  const done = useCallback(
    (account: AccountView, landing: string = next) => {
      signedIn(account);
      // Replace, so Back does not return to a form that no longer applies.
      void navigate(landing, { replace: true });
    },
    [navigate, next, signedIn],
  );
  return { next, done };
}
