import { useCallback, useState } from 'react';

/**
 * The idempotency key of one opened payment dialog: made when the dialog mounts and kept across retries (a double
 * click, a retry after the connection dropped: the server answers the first payment again). `keyForTry` makes a
 * new one only when the last try failed for good (a declined card), so the next try is a new payment.
 */
export function useIdempotencyKey(): (lastFailedForGood: boolean) => string {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return useCallback(
    (lastFailedForGood: boolean) => {
      if (!lastFailedForGood) return key;
      const next = crypto.randomUUID();
      setKey(next);
      return next;
    },
    [key],
  );
}
