import { useCallback } from 'react';
import type { AccountView } from '../api/types';
import { navigate, useLocation } from '../routing/history';
import { safeNextPath } from '../routing/safe-next-path';
import { useSession } from '../session/session-context';

/** Where the form came from (`?next=`, same-site paths only) and what to do once the server accepted it. */
export function useAfterSignIn(): { readonly next: string; readonly done: (account: AccountView) => void } {
  const { search } = useLocation();
  const { signedIn } = useSession();
  const next = safeNextPath(new URLSearchParams(search).get('next'));
  const done = useCallback(
    (account: AccountView) => {
      signedIn(account);
      // Replace, so Back does not return to a form that no longer applies.
      navigate(next, { replace: true });
    },
    [next, signedIn],
  );
  return { next, done };
}
