import type { SyncState } from '@shared/domain/sync/local-state';
import type { ConnectionState } from '@shared/domain/sync/status';
import type { Notice } from './use-studio-call';

/** What a form says after a change: when it is done, and when it waits in the outbox for the server. */
export interface SyncNoticeWords {
  readonly done: string;
  readonly waiting: string;
}

/**
 * What a form says after a change the studio keeps offline (a post, the profile): done, or, when the studio is
 * not online and the change waits in its outbox, that it takes effect once the studio is back online, in the
 * neutral `waiting` tone rather than the green of a done change (fans cannot see it yet).
 */
export function syncNotice(
  words: SyncNoticeWords,
  syncState: SyncState,
  connection: ConnectionState | null,
): Notice {
  const online = connection === 'online' || connection === 'syncing';
  if (!online && syncState === 'pending') return { text: words.waiting, tone: 'waiting' };
  return { text: words.done, tone: 'done' };
}
