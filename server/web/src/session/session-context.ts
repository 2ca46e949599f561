import { createContext, useContext } from 'react';
import type { AccountView } from '../api/types';

/** Who is signed in: `undefined` while the app is still asking the server, `null` when nobody is. */
export interface Session {
  readonly account: AccountView | null | undefined;
  /** Records the account a sign-in or sign-up returned. */
  readonly signedIn: (account: AccountView) => void;
  /** Ends the session on the server (the cookie is cleared there), then here. */
  readonly signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The current session; only valid inside `<SessionProvider>`. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession is used outside <SessionProvider>');
  return session;
}
