import type { UseMutationResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { failedPaymentOn, paymentFailureOf, type PaymentFailure } from './payment-failure';
import { useIdempotencyKey } from './useIdempotencyKey';
import { usePaymentOutcome, type PaymentView } from './usePaymentOutcome';

export type ItemPurchaseFailure = PaymentFailure<'card'>;

export type ItemPurchaseState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending' }
  | { readonly phase: 'processing' }
  | { readonly phase: 'succeeded'; readonly payment: PaymentView }
  | { readonly phase: 'failed'; readonly failure: ItemPurchaseFailure };

export interface ItemPurchase<Input> {
  readonly state: ItemPurchaseState;
  readonly busy: boolean;
  /** Pays; a retry of a payment whose outcome is unknown goes under the same key, so it is paid once. */
  readonly buy: (input: Input) => void;
}

/** What a purchase's dialog says when its key went to another payment, and when the bank disputed it. */
export interface ItemPurchaseWords {
  readonly keyUsedForAnother: string;
  readonly disputed: string;
}

/**
 * One item bought from one opened dialog (a post, a stream's ticket), as tips are sent: one idempotency key per
 * dialog, renewed only after a declined card; a payment still being processed is asked after until it settles,
 * and then `refresh` (which the mutation's own success calls too) reads again what the payment opened.
 */
export function useItemPurchase<Data extends PaymentView, Variables extends { idempotencyKey: string }>(
  mutation: UseMutationResult<Data, unknown, Variables>,
  refresh: () => void,
  words: ItemPurchaseWords,
): ItemPurchase<Omit<Variables, 'idempotencyKey'>> {
  const keyForTry = useIdempotencyKey();
  const latest = usePaymentOutcome(mutation.data, refresh);
  const { error, isPending, mutate } = mutation;
  const state = useMemo((): ItemPurchaseState => {
    if (isPending) return { phase: 'sending' };
    if (error)
      return {
        phase: 'failed',
        failure: paymentFailureOf(error, {
          fieldOf: { paymentMethod: 'card' },
          keyUsedForAnother: words.keyUsedForAnother,
        }),
      };
    if (!latest) return { phase: 'idle' };
    switch (latest.status) {
      case 'pending':
        return { phase: 'processing' };
      case 'succeeded':
        return { phase: 'succeeded', payment: latest };
      case 'failed':
        return { phase: 'failed', failure: failedPaymentOn('card', latest.failure) };
      case 'disputed':
        return { phase: 'failed', failure: { field: null, message: words.disputed, newKey: true } };
    }
  }, [error, isPending, latest, words]);

  const failedForGood = state.phase === 'failed' && state.failure.newKey;
  const buy = useCallback(
    (input: Omit<Variables, 'idempotencyKey'>) =>
      mutate({ ...input, idempotencyKey: keyForTry(failedForGood) } as Variables),
    [failedForGood, keyForTry, mutate],
  );
  return { state, busy: state.phase === 'sending' || state.phase === 'processing', buy };
}
