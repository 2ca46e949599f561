import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc';

/**
 * The server's card rail (`payments.config`), asked once per visit: it changes only with the server's keys. The
 * app's layout asks for it with the page's first requests (one batched call), so a payment dialog opened later
 * has its card field at once, and the dialog's focus can start on it.
 */
export function useCardEntryConfig() {
  const trpc = useTRPC();
  return useQuery(trpc.payments.config.queryOptions(undefined, { staleTime: Infinity }));
}
