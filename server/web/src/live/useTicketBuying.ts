import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTRPC } from '../api/trpc';
import { failedPaymentOn, paymentFailureOf, type PaymentFailure } from '../payments/payment-failure';
import { useIdempotencyKey } from '../payments/useIdempotencyKey';
import { usePaymentOutcome, type PaymentView } from '../payments/usePaymentOutcome';

export type TicketFailure = PaymentFailure<'card'>;

export type TicketBuyingState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'sending' }
  | { readonly phase: 'processing' }
  | { readonly phase: 'succeeded'; readonly payment: PaymentView }
  | { readonly phase: 'failed'; readonly failure: TicketFailure };

export interface TicketBuying {
  readonly state: TicketBuyingState;
  readonly busy: boolean;
  /** Buys the ticket; a retry whose outcome is unknown goes under the same key, so it is paid once. */
  readonly buy: (paymentMethod: string) => void;
}

const TICKET_FAILURE_WORDS = {
  fieldOf: { paymentMethod: 'card' },
  keyUsedForAnother:
    'An earlier try of this ticket may have gone through. Close this and look at the stream.',
} as const;

/**
 * Buys a ticket to a stream from one opened ticket dialog, as a post is bought: one idempotency key per dialog,
 * renewed only after a declined card; a payment still being processed is asked after until it settles. Once
 * paid, `live.watch` is asked again, and the player starts on the page behind without a reload.
 */
export function useTicketBuying(streamId: string): TicketBuying {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keyForTry = useIdempotencyKey();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries(trpc.live.watch.queryFilter({ streamId }));
    void queryClient.invalidateQueries(trpc.live.forCreator.pathFilter());
  }, [queryClient, streamId, trpc]);
  const mutation = useMutation(
    trpc.live.buyTicket.mutationOptions({
      onSuccess: (ticket) => {
        if (ticket.status === 'succeeded') refresh();
      },
    }),
  );
  const latest = usePaymentOutcome(mutation.data, refresh);

  const { error, isPending } = mutation;
  const state = useMemo((): TicketBuyingState => {
    if (isPending) return { phase: 'sending' };
    if (error) return { phase: 'failed', failure: paymentFailureOf(error, TICKET_FAILURE_WORDS) };
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
            message: 'Your bank disputed this payment, so the ticket was taken back.',
            newKey: true,
          },
        };
    }
  }, [error, isPending, latest]);

  const { mutate } = mutation;
  const failedForGood = state.phase === 'failed' && state.failure.newKey;
  const buy = useCallback(
    (paymentMethod: string) => mutate({ streamId, paymentMethod, idempotencyKey: keyForTry(failedForGood) }),
    [failedForGood, keyForTry, mutate, streamId],
  );
  return { state, busy: state.phase === 'sending' || state.phase === 'processing', buy };
}
