import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { AccountView } from '../api/types';
import { safeNextPath } from '../routing/safe-next-path';
import { useSessionUpdates } from '../session/session';

/** Where the form came from (`?next=`, same-site paths only) and what to do once the server accepted it. */
export function useAfterSignIn(): { readonly next: string; readonly done: (account: AccountView) => void } {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { signedIn } = useSessionUpdates();
  const next = safeNextPath(searchParams.get('next'));
  const done = useCallback(
    (account: AccountView) => {
      signedIn(account);
      // Replace, so Back does not return to a form that no longer applies.
      void navigate(next, { replace: true });
    },
    [navigate, next, signedIn],
  );
  return { next, done };
}
