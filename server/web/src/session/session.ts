import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTRPC } from '../api/trpc';
import type { AccountView } from '../api/types';

/**
 * Who is signed in, from `accounts.me` (the HttpOnly cookie decides): `undefined` while the app is still asking,
 * `null` when nobody is, or when the server cannot be reached (public pages still work).
 */
export function useAccount(): AccountView | null | undefined {
  const trpc = useTRPC();
  const me = useQuery(trpc.accounts.me.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  if (me.data !== undefined) return me.data;
  return me.isError ? null : undefined;
}

export interface SessionUpdates {
  /** Records the account a sign-in or sign-up returned. */
  readonly signedIn: (account: AccountView) => void;
  /** Records that the server ended the session. */
  readonly signedOut: () => void;
}

/**
 * Keeps the cache in step with the session. A creator's page depends on who reads it (which posts are open,
 * whether they follow), and so do the fan's subscriptions, so every cached page and list is dropped and refetched
 * for the new viewer; `reset` rather than `invalidate`, so a signed-out viewer is never shown, even briefly, what
 * only the account could see.
 */
export function useSessionUpdates(): SessionUpdates {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const viewerChanged = useCallback(
    (account: AccountView | null) => {
      queryClient.setQueryData(trpc.accounts.me.queryKey(), account);
      void queryClient.resetQueries(trpc.creators.pathFilter());
      // Whose subscriptions: the previous account's are never shown to the next.
      void queryClient.resetQueries(trpc.subscriptions.pathFilter());
      // Whose receipts: likewise.
      void queryClient.resetQueries(trpc.payments.pathFilter());
    },
    [queryClient, trpc],
  );
  return useMemo(
    () => ({ signedIn: (account) => viewerChanged(account), signedOut: () => viewerChanged(null) }),
    [viewerChanged],
  );
}
