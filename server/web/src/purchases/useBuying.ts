import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../api/trpc';
import { useItemPurchase, type ItemPurchase } from '../payments/useItemPurchase';
import type { BuyInput } from './purchase-types';

const BUY_WORDS = {
  keyUsedForAnother:
    'An earlier try of this purchase may have gone through. Close this and look at the post.',
  disputed: 'Your bank disputed this payment, so the purchase was taken back.',
} as const;

/** Buys a post from one opened buy dialog; once paid, the creator's page is read again and the post opens. */
export function useBuying(handle: string): ItemPurchase<Omit<BuyInput, 'idempotencyKey'>> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
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
  return useItemPurchase(mutation, refresh, BUY_WORDS);
}
