import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTRPC, useTRPCClient } from '../api/trpc';
import { useIdempotencyKey } from '../payments/useIdempotencyKey';
import { usePaymentOutcome } from '../payments/usePaymentOutcome';
import { failedPayment, tipFailureOf, type TipFailure } from './tip-failure';
import type { PaymentView, SendTipInput } from './tip-types';

/** Where a tip is: being sent, being processed by the card network, done, or refused. */
export type TipSendingState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending' }
  | { readonly phase: 'processing' }
  | {
      readonly phase: 'succeeded';
      readonly payment: PaymentView;
      readonly message: string;
    }
  | { readonly phase: 'failed'; readonly failure: TipFailure };

export interface TipSending {
  readonly state: TipSendingState;
  /** Sending or processing: the form waits. */
  readonly busy: boolean;
  /** Sends the tip; a retry of a tip whose outcome is unknown goes under the same key, so it tips once. */
  readonly send: (input: Omit<TipInput, 'idempotencyKey'>) => void;
}

/** A tip as the form sends it: to the creator, for a post, or from a live stream's chat (`streamId`). */
type TipInput = SendTipInput & { readonly streamId?: string | null };

/**
 * Sends tips from one opened tip dialog. The dialog makes one idempotency key when it opens and keeps it across
 * retries (a double click, a retry after the connection dropped: the server answers the first tip again); it
 * makes a new one only after the server said the payment failed for good (a declined card), so the next try is
 * a new payment. A `pending` payment is asked after (`payments.get`) until it settles or fails.
 */
export function useTipSending(handle: string): TipSending {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keyForTry = useIdempotencyKey();
  const refresh = useCallback(() => {
    // The goal's progress, and the page: a post gated by what a fan tipped may open.
    void queryClient.invalidateQueries(trpc.tips.settings.queryFilter({ handle }));
    void queryClient.invalidateQueries(trpc.creators.page.infiniteQueryFilter({ handle }));
  }, [handle, queryClient, trpc]);
  const client = useTRPCClient();
  // onSuccess here rather than on `mutate`, so it runs even when the dialog was closed while the tip was sent.
  // A tip from a stream's chat goes through `liveChat.tip`, which shows it there, highlighted.
  const mutation = useMutation({
    mutationFn: ({ streamId, handle: tipHandle, postId, ...tip }: TipInput) =>
      streamId
        ? client.liveChat.tip.mutate({ streamId, ...tip })
        : client.tips.send.mutate({ handle: tipHandle, postId, ...tip }),
    onSuccess: (payment) => {
      if (payment.status === 'succeeded') refresh();
    },
  });

  const latest = usePaymentOutcome(mutation.data, refresh);

  const { error, isPending, variables } = mutation;
  const state = useMemo((): TipSendingState => {
    if (isPending) return { phase: 'sending' };
    if (error) return { phase: 'failed', failure: tipFailureOf(error) };
    if (!latest) return { phase: 'idle' };
    switch (latest.status) {
      case 'pending':
        return { phase: 'processing' };
      case 'succeeded':
        return {
          phase: 'succeeded',
          payment: latest,
          message: variables?.message ?? '',
        };
      case 'failed':
        return { phase: 'failed', failure: failedPayment(latest.failure) };
      case 'disputed':
        return {
          phase: 'failed',
          failure: {
            field: null,
            message: 'Your bank disputed this payment, so the tip was taken back.',
            newKey: true,
          },
        };
    }
  }, [error, isPending, latest, variables]);

  const { mutate } = mutation;
  const failedForGood = state.phase === 'failed' && state.failure.newKey;
  const send = useCallback(
    (input: Omit<TipInput, 'idempotencyKey'>) => {
      mutate({ ...input, idempotencyKey: keyForTry(failedForGood) });
    },
    [failedForGood, keyForTry, mutate],
  );

  return {
    state,
    busy: state.phase === 'sending' || state.phase === 'processing',
    send,
  };
}
