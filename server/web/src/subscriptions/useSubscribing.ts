import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTRPC } from '../api/trpc';
import { useIdempotencyKey } from '../payments/useIdempotencyKey';
import { PENDING_POLL_MS } from '../payments/usePaymentOutcome';
import { subscribeFailureOf, type SubscribeFailure } from './subscribe-failure';
import type { SubscribeInput, Subscription } from './subscription-types';
import { useSubscriptionRefresh } from './useSubscriptionRefresh';

/** Where a subscribe is: on its way, its first payment being processed, done, or refused. */
export type SubscribingState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending' }
  /** `slow`: the card network has taken long enough that the fan may close the dialog and come back. */
  | { readonly phase: 'processing'; readonly slow: boolean }
  | { readonly phase: 'succeeded'; readonly subscription: Subscription }
  | { readonly phase: 'failed'; readonly failure: SubscribeFailure };

export interface Subscribing {
  readonly state: SubscribingState;
  /** Sending or processing: the form waits. */
  readonly busy: boolean;
  /** Subscribes; a retry of a subscribe whose outcome is unknown goes under the same key, so it subscribes once. */
  readonly subscribe: (input: Omit<SubscribeInput, 'idempotencyKey'>) => void;
}

// After this long processing, the dialog says the fan need not wait.
const SLOW_AFTER_MS = 15_000;

/**
 * Subscribes from one opened subscribe dialog, with one idempotency key for it (the server makes it the
 * subscription's id, so a retry finds the subscription instead of making a second), renewed after a declined card.
 * A first payment the card network is still processing leaves the subscription `incomplete`: the fan's list is
 * asked again until it shows the subscription (it appears once paid).
 */
export function useSubscribing(): Subscribing {
  const trpc = useTRPC();
  const refresh = useSubscriptionRefresh();
  const keyForTry = useIdempotencyKey();
  // onSuccess here rather than on `mutate`, so it runs even when the dialog was closed meanwhile.
  const mutation = useMutation(
    trpc.subscriptions.subscribe.mutationOptions({
      onSuccess: (subscription) => {
        if (subscription.status !== 'incomplete') refresh(subscription);
      },
    }),
  );

  const answer = mutation.data;
  const waitingId = answer?.status === 'incomplete' ? answer.id : null;
  const poll = useQuery(
    trpc.subscriptions.mine.queryOptions(waitingId === null ? skipToken : undefined, {
      refetchInterval: (query) =>
        query.state.data?.some((s) => s.id === waitingId) ? false : PENDING_POLL_MS,
    }),
  );
  const paid = waitingId === null ? undefined : poll.data?.find((s) => s.id === waitingId);
  const paidAfterWaiting = paid !== undefined;
  useEffect(() => {
    if (paidAfterWaiting) refresh();
  }, [paidAfterWaiting, refresh]);
  // The subscription whose payment has been processed for long, if it is the one waited on.
  const [slowId, setSlowId] = useState<string | null>(null);
  useEffect(() => {
    if (waitingId === null) return;
    const timer = setTimeout(() => setSlowId(waitingId), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [waitingId]);
  const slow = waitingId !== null && slowId === waitingId;

  const { error, isPending } = mutation;
  const state = useMemo((): SubscribingState => {
    if (isPending) return { phase: 'sending' };
    if (error) return { phase: 'failed', failure: subscribeFailureOf(error) };
    const latest = paid ?? answer;
    if (!latest) return { phase: 'idle' };
    switch (latest.status) {
      case 'incomplete':
        return { phase: 'processing', slow };
      case 'trialing':
      case 'active':
      case 'past_due':
        return { phase: 'succeeded', subscription: latest };
      case 'canceled':
      case 'lapsed':
        // Its first payment failed: no subscription came of it; the next try is a new one.
        return {
          phase: 'failed',
          failure: {
            field: 'card',
            message: 'The payment failed, so no subscription was made.',
            newKey: true,
          },
        };
    }
  }, [answer, error, isPending, paid, slow]);

  const { mutate } = mutation;
  const failedForGood = state.phase === 'failed' && state.failure.newKey;
  const subscribe = useCallback(
    (input: Omit<SubscribeInput, 'idempotencyKey'>) => {
      mutate({ ...input, idempotencyKey: keyForTry(failedForGood) });
    },
    [failedForGood, keyForTry, mutate],
  );

  return { state, busy: state.phase === 'sending' || state.phase === 'processing', subscribe };
}
