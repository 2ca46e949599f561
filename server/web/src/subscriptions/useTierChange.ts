import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useTRPC } from '../api/trpc';
import type { PaymentFailure } from '../payments/payment-failure';
import { useIdempotencyKey } from '../payments/useIdempotencyKey';
import { PENDING_POLL_MS } from '../payments/usePaymentOutcome';
import { cardFailureOf } from './subscribe-failure';
import type { Subscription } from './subscription-types';
import { useSubscriptionRefresh } from './useSubscriptionRefresh';

export type TierChangeState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending' }
  | { readonly phase: 'processing' }
  | { readonly phase: 'succeeded'; readonly subscription: Subscription }
  | { readonly phase: 'failed'; readonly failure: PaymentFailure<'card'> };

export interface TierChange {
  readonly state: TierChangeState;
  readonly busy: boolean;
  readonly change: (tierId: string) => void;
}

/**
 * Moves one subscription to another tier from one opened dialog, under one idempotency key (renewed after the
 * card on file was declined). An upgrade's payment still being processed leaves the old tier in place: the fan's
 * list is asked again until it shows the new one.
 */
export function useTierChange(subscriptionId: string): TierChange {
  const trpc = useTRPC();
  const refresh = useSubscriptionRefresh();
  const keyForTry = useIdempotencyKey();
  const mutation = useMutation(
    trpc.subscriptions.changeTier.mutationOptions({
      onSuccess: (subscription, input) => {
        if (subscription.tierId === input.tierId) refresh(subscription);
      },
    }),
  );

  const { data: answer, variables, error, isPending } = mutation;
  const waiting = answer !== undefined && variables !== undefined && answer.tierId !== variables.tierId;
  const poll = useQuery(
    trpc.subscriptions.mine.queryOptions(waiting ? undefined : skipToken, {
      refetchInterval: (query) =>
        query.state.data?.some((s) => s.id === subscriptionId && s.tierId === variables?.tierId)
          ? false
          : PENDING_POLL_MS,
    }),
  );
  const moved = waiting
    ? poll.data?.find((s) => s.id === subscriptionId && s.tierId === variables.tierId)
    : undefined;
  const movedAfterWaiting = moved !== undefined;
  useEffect(() => {
    if (movedAfterWaiting) refresh();
  }, [movedAfterWaiting, refresh]);

  const state = useMemo((): TierChangeState => {
    if (isPending) return { phase: 'sending' };
    if (error) return { phase: 'failed', failure: cardFailureOf(error) };
    if (moved) return { phase: 'succeeded', subscription: moved };
    if (!answer) return { phase: 'idle' };
    return waiting ? { phase: 'processing' } : { phase: 'succeeded', subscription: answer };
  }, [answer, error, isPending, moved, waiting]);

  const { mutate } = mutation;
  const failedForGood = state.phase === 'failed' && state.failure.newKey;
  const change = useCallback(
    (tierId: string) => mutate({ subscriptionId, tierId, idempotencyKey: keyForTry(failedForGood) }),
    [failedForGood, keyForTry, mutate, subscriptionId],
  );
  return { state, busy: state.phase === 'sending' || state.phase === 'processing', change };
}
