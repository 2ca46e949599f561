import type { LocalProfile } from '@shared/domain/profile/local-profile';
import type { ConnectionState } from '@shared/domain/sync/status';
import { syncNotice, type SyncNoticeWords } from '../forms/sync-notice';
import type { Notice } from '../forms/use-studio-call';

export type ProfileAction = 'save' | 'keep-mine' | 'keep-server';

// `waiting`: the profile is kept in the studio, but fans see it only once the server has it.
const WORDS: Readonly<Record<ProfileAction, SyncNoticeWords>> = {
  save: {
    done: 'Saved.',
    waiting: 'Saved in the studio. It reaches fans when the studio is back online.',
  },
  'keep-mine': {
    done: 'Kept your profile.',
    waiting: 'Kept your profile in the studio. It reaches fans when the studio is back online.',
  },
  'keep-server': { done: "Kept the server's profile.", waiting: "Kept the server's profile." },
};

/**
 * What the profile editor says after a save or a settled conflict, as the post editor does (`postNotice`):
 * done, or, while the studio is not online and the change waits in its outbox, when fans will see it.
 */
export function profileNotice(
  action: ProfileAction,
  profile: LocalProfile,
  connection: ConnectionState | null,
): Notice {
  return syncNotice(WORDS[action], profile.syncState, connection);
}
