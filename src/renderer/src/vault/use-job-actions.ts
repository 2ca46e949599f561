import { useCallback, useState } from 'react';
import { errorMessage } from '../errors/error-message';
import { useAppDispatch } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import type { JobAction } from './VaultGrid';
import type { VaultItem } from './vault-item';
import { readStamp } from './read-stamp';
import { itemsStored } from './vault-slice';

/**
 * Cancel and Retry on a tile: one call per item at a time (its buttons are disabled meanwhile), the item as
 * the studio answers it shown at once, and a refusal said above the grid.
 */
export function useJobActions(accountId: string) {
  const client = useStudioClient();
  const dispatch = useAppDispatch();
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);

  const run = useCallback(
    async (item: VaultItem, action: JobAction) => {
      setFailure(null);
      setBusyIds((ids) => new Set([...ids, item.id]));
      try {
        // Cancel stops what the item has queued or running; Retry queues its failed or cancelled job again.
        const input = { accountId, id: item.id };
        const read = readStamp();
        const stored = await (action === 'cancel'
          ? client.vault.cancelJob.mutate(input)
          : client.vault.retryJob.mutate(input));
        dispatch(itemsStored({ accountId, items: [stored], read }));
      } catch (error) {
        setFailure(`${item.title}: ${errorMessage(error)}`);
      } finally {
        setBusyIds((ids) => new Set([...ids].filter((id) => id !== item.id)));
      }
    },
    [accountId, client, dispatch],
  );

  return { busyIds, run, failure };
}
