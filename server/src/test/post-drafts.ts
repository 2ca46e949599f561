import { newId } from '@shared/domain/ids';
import type { AccessRule } from '@shared/domain/access/rule';
import { POST_KIND, type PostChange, type PostMutation } from '@shared/domain/posts/post-sync';

/** A valid post draft for tests. */
export function draft(title: string, accessRule: AccessRule = { kind: 'public' }, body = `Body of ${title}`) {
  return { title, body, accessRule };
}

/** A studio mutation of a post, as the outbox sends it. */
export function postMutation(postId: string, change: PostChange): PostMutation {
  return { id: newId(), entity: POST_KIND.entity, entityId: postId, change };
}

/** The mutation that creates a new post (a fresh id unless given). */
export function createMutation(title = 'Synced', postId = newId()): PostMutation {
  return postMutation(postId, { type: 'create', draft: draft(title) });
}
