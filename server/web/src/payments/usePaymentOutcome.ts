import { skipToken, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect } from 'react';
import type { AppRouter } from '../../../src/routers/index';
import { useTRPC } from '../api/trpc';

/** How often a page waiting on a payment the card network is still processing asks again. */
export const PENDING_POLL_MS = 1000;

/** A payment as the fan who made it sees it (`payments.get`, and what `tips.send` and `purchases.buy` answer). */
export type PaymentView = inferRouterOutputs<AppRouter>['payments']['get'];

/**
 * The latest word on a payment the server answered with: that answer, or, while it said `pending` (the card
 * network is still processing it), what `payments.get` says now, asked every second until it settles or fails.
 * `onSettledLater` is called once a pending payment has settled (the answer's own success is the caller's).
 */
export function usePaymentOutcome(
  answer: PaymentView | undefined,
  onSettledLater: () => void,
): PaymentView | undefined {
  const trpc = useTRPC();
  const pendingId = answer?.status === 'pending' ? answer.paymentId : null;
  const poll = useQuery(
    trpc.payments.get.queryOptions(pendingId === null ? skipToken : { paymentId: pendingId }, {
      refetchInterval: (query) =>
        (query.state.data?.status ?? 'pending') === 'pending' ? PENDING_POLL_MS : false,
    }),
  );
  const latest = pendingId !== null && poll.data?.paymentId === pendingId ? poll.data : answer;
  const settledAfterWaiting = pendingId !== null && latest?.status === 'succeeded';
  useEffect(() => {
    if (settledAfterWaiting) onSettledLater();
  }, [settledAfterWaiting, onSettledLater]);
  return latest;
}
