import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../api/trpc';
import type { Subscription } from './subscription-types';

/**
 * What a change to a subscription refreshes: the fan's list (the answer is put in at once, then read again) and
 * every creator page, since the server decides per viewer which posts a subscription opens.
 */
export function useSubscriptionRefresh(): (changed?: Subscription) => void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (changed?: Subscription) => {
      if (changed) {
        queryClient.setQueryData(trpc.subscriptions.mine.queryKey(), (list) =>
          list?.some((s) => s.id === changed.id)
            ? list.map((s) => (s.id === changed.id ? changed : s))
            : list && [changed, ...list],
        );
      }
      void queryClient.invalidateQueries(trpc.subscriptions.mine.queryFilter());
      void queryClient.invalidateQueries(trpc.creators.page.pathFilter());
    },
    [queryClient, trpc],
  );
}
