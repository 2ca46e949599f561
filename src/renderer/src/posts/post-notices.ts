import type { LocalPost } from '@shared/domain/posts/local-post';
import type { ConnectionState } from '@shared/domain/sync/status';
import { syncNotice, type SyncNoticeWords } from '../forms/sync-notice';
import type { Notice } from '../forms/use-studio-call';

export type PostAction = 'save' | 'publish' | 'schedule' | 'unpublish' | 'unschedule';

// `waiting`: said when the change is kept in the studio but the server (and so fans) does not have it yet.
const WORDS: Readonly<Record<PostAction, SyncNoticeWords>> = {
  save: {
    done: 'Saved.',
    waiting: 'Saved in the studio. It reaches the server when the studio is back online.',
  },
  publish: {
    done: 'Published.',
    waiting: 'Will publish when the studio is back online. Fans cannot see it yet.',
  },
  schedule: {
    done: 'Scheduled. The server publishes it on time.',
    waiting:
      'Scheduled in the studio. It reaches the server when the studio is back online; until then it cannot go out.',
  },
  unschedule: {
    done: 'Schedule cancelled: the post is back in drafts.',
    waiting:
      'Schedule cancelled in the studio. The server still has it scheduled until the studio is back online.',
  },
  unpublish: {
    done: 'Moved back to drafts.',
    waiting: 'Moved back to drafts in the studio. Fans still see it until the studio is back online.',
  },
};

/**
 * What the editor says after a save, publish or unpublish: done, or, when the studio is not online and the
 * change waits in its outbox, that it takes effect once the studio is back online (fans cannot see it yet).
 */
export function postNotice(action: PostAction, post: LocalPost, connection: ConnectionState | null): Notice {
  return syncNotice(WORDS[action], post.syncState, connection);
}
