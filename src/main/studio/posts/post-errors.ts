import { NotFoundError } from '@shared/domain/errors';

/** No post with this id in the account (or it was deleted). */
export class PostNotFoundError extends NotFoundError {
  constructor(readonly postId: string) {
    super(`Post ${postId} was not found`);
  }
}
