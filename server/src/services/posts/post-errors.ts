import { ConflictError } from '@shared/domain/errors';
import type { PostSnapshot } from '@shared/domain/posts/post';

/** An update based on an old version: `current` is what the server has now. */
export class PostVersionConflictError extends ConflictError {
  constructor(readonly current: PostSnapshot) {
    super(`The post changed on the server (now version ${current.version}); reload it and try again`);
  }
}
