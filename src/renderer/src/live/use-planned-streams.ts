import { useCallback, useEffect, useState } from 'react';
import { STREAM_KIND } from '@shared/domain/live/stream-sync';
import { errorMessage } from '../errors/error-message';
import { useStudioClient } from '../transport/client-context';
import type { LocalStream } from '../../../main/studio/live/stream-table';

/**
 * The account's streams still to come (`live.plans`), loaded when shown, on `reload`, and whenever the studio
 * reports a stream changed (a push answered, a web edit pulled, a stream gone live).
 */
export function usePlannedStreams(accountId: string) {
  const client = useStudioClient();
  const [plans, setPlans] = useState<readonly LocalStream[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.live.plans.query({ accountId }).then(
      (loaded) => {
        setPlans(loaded);
        setError(null);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [client, accountId]);

  useEffect(() => {
    reload();
    const subscription = client.sync.onChanged.subscribe(undefined, {
      onData: ({ accountId: changed, entity }) => {
        if (changed === accountId && entity === STREAM_KIND.entity) reload();
      },
    });
    return () => subscription.unsubscribe();
  }, [client, accountId, reload]);

  return { plans, error, reload };
}
