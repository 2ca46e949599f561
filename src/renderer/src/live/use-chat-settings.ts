import { useCallback, useEffect, useState } from 'react';
import { CHAT_SETTINGS_KIND } from '@shared/domain/live/stream-sync';
import { errorMessage } from '../errors/error-message';
import { useStudioClient } from '../transport/client-context';
import type { LocalChatSettings } from '../../../main/studio/live/chat-settings-table';

/**
 * The account's chat settings as the studio holds them (`live.chatSettings`), loaded when shown and again
 * whenever the studio reports they changed (a save, a push answered, a newer copy pulled from the server), as
 * `usePlannedStreams` follows the planned streams. `stored` takes a call's answer at once.
 */
export function useChatSettings(accountId: string) {
  const client = useStudioClient();
  const [settings, setSettings] = useState<LocalChatSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    client.live.chatSettings.query({ accountId }).then(
      (loaded) => {
        setSettings(loaded);
        setError(null);
      },
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [client, accountId]);

  useEffect(() => {
    reload();
    const subscription = client.sync.onChanged.subscribe(undefined, {
      onData: ({ accountId: changed, entity }) => {
        if (changed === accountId && entity === CHAT_SETTINGS_KIND.entity) reload();
      },
    });
    return () => subscription.unsubscribe();
  }, [client, accountId, reload]);

  return { settings, error, stored: setSettings };
}
