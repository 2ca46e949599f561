import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTRPC } from '../api/trpc';
import { failedPaymentOn, paymentFailureOf, type PaymentFailure } from '../payments/payment-failure';
import { useIdempotencyKey } from '../payments/useIdempotencyKey';
import { usePaymentOutcome, type PaymentView } from '../payments/usePaymentOutcome';
import type { BuyInput } from './purchase-types';

export type BuyFailure = PaymentFailure<'card'>;

export type BuyingState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending' }
  | { readonly phase: 'processing' }
  | { readonly phase: 'succeeded'; readonly payment: PaymentView }
  | { readonly phase: 'failed'; readonly failure: BuyFailure };

export interface Buying {
  readonly state: BuyingState;
  readonly busy: boolean;
  /** Buys; a retry of a purchase whose outcome is unknown goes under the same key, so it is paid once. */
  readonly buy: (input: Omit<BuyInput, 'idempotencyKey'>) => void;
}

const BUY_FAILURE_WORDS = {
  fieldOf: { paymentMethod: 'card' },
  keyUsedForAnother:
    'An earlier try of this purchase may have gone through. Close this and look at the post.',
} as const;

/**
 * Buys a post from one opened buy dialog, as tips are sent: one idempotency key per dialog, renewed after a
 * declined card; a payment still being processed is asked after until it settles. Once paid, the creator's page
 * is read again, and the post opens.
 */
export function useBuying(handle: string): Buying {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keyForTry = useIdempotencyKey();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries(trpc.creators.page.infiniteQueryFilter({ handle }));
  }, [handle, queryClient, trpc]);
  const mutation = useMutation(
    trpc.purchases.buy.mutationOptions({
      onSuccess: (purchase) => {
        if (purchase.status === 'succeeded') refresh();
      },
    }),
  );
  const latest = usePaymentOutcome(mutation.data, refresh);

  const { error, isPending } = mutation;
  const state = useMemo((): BuyingState => {
    if (isPending) return { phase: 'sending' };
    if (error) return { phase: 'failed', failure: paymentFailureOf(error, BUY_FAILURE_WORDS) };
    if (!latest) return { phase: 'idle' };
    switch (latest.status) {
      case 'pending':
        return { phase: 'processing' };
      case 'succeeded':
        return { phase: 'succeeded', payment: latest };
      case 'failed':
        return { phase: 'failed', failure: failedPaymentOn('card', latest.failure) };
      case 'disputed':
        return {
          phase: 'failed',
          failure: {
            field: null,
            message: 'Your bank disputed this payment, so the purchase was taken back.',
            newKey: true,
          },
        };
    }
  }, [error, isPending, latest]);

  const { mutate } = mutation;
  const failedForGood = state.phase === 'failed' && state.failure.newKey;
  const buy = useCallback(
    (input: Omit<BuyInput, 'idempotencyKey'>) =>
      mutate({ ...input, idempotencyKey: keyForTry(failedForGood) }),
    [failedForGood, keyForTry, mutate],
  );
  return { state, busy: state.phase === 'sending' || state.phase === 'processing', buy };
}
