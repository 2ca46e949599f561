import type { PostSnapshot } from '@shared/domain/posts/post';
import { StaleVersionError } from '@shared/domain/sync/kind';

/** An update based on an old version: `current` is what the server has now. */
export class PostVersionConflictError extends StaleVersionError<PostSnapshot> {
  constructor(current: PostSnapshot) {
    super(current, 'post', current.version);
  }
}
