import { useCallback } from 'react';
import { newId } from '@shared/domain/ids';
import { useAppDispatch } from '../store/hooks';
import { useStudioClient } from '../transport/client-context';
import { useImportPort } from './import-port-choice';
import { fetchItems } from './vault-pages';
import { importEnded, importsStarted, itemsStored } from './vault-slice';

/**
 * Brings files into `accountId`'s vault (picked or dropped): each is listed at once as importing, then with what
 * became of it; an imported (or already present) item goes to the top of the grid whatever the filters, since
 * the creator just brought it in.
 */
export function useVaultImport(accountId: string): (files: readonly File[]) => Promise<void> {
  const dispatch = useAppDispatch();
  const client = useStudioClient();
  const port = useImportPort();
  return useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      const keys = files.map(() => newId());
      dispatch(
        importsStarted({ files: files.map((file, index) => ({ key: keys[index]!, name: file.name })) }),
      );
      await port.importFiles(accountId, files, (outcome, index) => {
        dispatch(importEnded({ key: keys[index]!, outcome }));
        if (outcome.status === 'failed') return;
        fetchItems(client, accountId, [outcome.itemId])
          .then(({ items, read }) => dispatch(itemsStored({ accountId, items, read, placeNew: true })))
          // The item shows with the next change or search; its import line already says it is in.
          .catch((error: unknown) => console.warn(error));
      });
    },
    [accountId, client, dispatch, port],
  );
}
