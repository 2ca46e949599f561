import { POST_KIND, type PostChange } from '@shared/domain/posts/post-sync';
import { syncedKind } from '../sync/synced-kind';
import type { PostService } from './post-service';

/** Posts in `sync.push`: each studio mutation runs through the one PostService. */
export function postSyncedKind(posts: PostService) {
  return syncedKind<PostChange>({
    spec: POST_KIND,
    scope: 'content',
    async apply({ trx, ownerId, entityId, change, mutationId }) {
      const { post, seq } = await posts.executeIn(trx, ownerId, entityId, change, mutationId);
      return { seq, version: post.version };
    },
  });
}
