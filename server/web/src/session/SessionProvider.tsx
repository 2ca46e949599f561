import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api/trpc';
import type { AccountView } from '../api/types';
import { SessionContext, type Session } from './session-context';

/** Asks the server once who is signed in (the HttpOnly cookie decides) and shares the answer. */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [account, setAccount] = useState<AccountView | null | undefined>(undefined);

  useEffect(() => {
    let current = true;
    api.accounts.me
      .query()
      .then((me) => current && setAccount(me))
      // If the server cannot be reached the app still works for reading public pages.
      .catch(() => current && setAccount(null));
    return () => {
      current = false;
    };
  }, []);

  const signedIn = useCallback((next: AccountView) => setAccount(next), []);
  const signOut = useCallback(async () => {
    await api.accounts.signOut.mutate();
    setAccount(null);
  }, []);

  const session = useMemo<Session>(() => ({ account, signedIn, signOut }), [account, signedIn, signOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
