import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../api/trpc';
import { useItemPurchase, type ItemPurchase } from '../payments/useItemPurchase';

const TICKET_WORDS = {
  keyUsedForAnother:
    'An earlier try of this ticket may have gone through. Close this and look at the stream.',
  disputed: 'Your bank disputed this payment, so the ticket was taken back.',
} as const;

/**
 * Buys a ticket to a stream from one opened ticket dialog, as a post is bought; once paid, `live.watch` is asked
 * again, and the player starts on the page behind without a reload.
 */
export function useTicketBuying(
  streamId: string,
): ItemPurchase<{ readonly streamId: string; readonly paymentMethod: string }> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
  return useItemPurchase(mutation, refresh, TICKET_WORDS);
}
