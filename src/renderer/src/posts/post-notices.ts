import type { LocalPost } from '@shared/domain/posts/local-post';
import type { ConnectionState } from '@shared/domain/sync/status';
import type { Notice } from '../forms/use-studio-call';

export type PostAction = 'save' | 'publish' | 'unpublish';

const DONE: Readonly<Record<PostAction, string>> = {
  save: 'Saved.',
  publish: 'Published.',
  unpublish: 'Moved back to drafts.',
};

// Said when the change is kept in the studio but the server (and so fans) does not have it yet.
const WAITING: Readonly<Record<PostAction, string>> = {
  save: 'Saved in the studio. It reaches the server when the studio is back online.',
  publish: 'Will publish when the studio is back online. Fans cannot see it yet.',
  unpublish: 'Moved back to drafts in the studio. Fans still see it until the studio is back online.',
};

/**
 * What the editor says after a save, publish or unpublish: done, or, when the studio is not online and the
 * change waits in its outbox, that it takes effect once the studio is back online (fans cannot see it yet).
 */
export function postNotice(action: PostAction, post: LocalPost, connection: ConnectionState | null): Notice {
  const online = connection === 'online' || connection === 'syncing';
  if (!online && post.syncState === 'pending') return { text: WAITING[action], tone: 'waiting' };
  return { text: DONE[action], tone: 'done' };
}
