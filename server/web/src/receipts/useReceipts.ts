import { skipToken, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc';
import { useAccount } from '../session/session';

/** Receipts per page: a screenful on a phone, few enough to come back quickly. */
export const RECEIPTS_PER_PAGE = 20;

/**
 * The signed-in fan's receipts (`payments.mine`), newest first, a page at a time; not asked for while nobody is
 * signed in. Always asked again when the page opens: a payment made a moment ago belongs on it.
 */
export function useMyReceipts() {
  const trpc = useTRPC();
  const account = useAccount();
  return useInfiniteQuery(
    trpc.payments.mine.infiniteQueryOptions(account ? { limit: RECEIPTS_PER_PAGE } : skipToken, {
      getNextPageParam: (page) => page.nextCursor,
      staleTime: 0,
    }),
  );
}

/** One receipt with its history (`payments.receipt`). */
export function useReceipt(paymentId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.payments.receipt.queryOptions({ paymentId }, { staleTime: 0 }));
}
