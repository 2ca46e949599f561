import { InvalidStateError, NotFoundError } from '@shared/domain/errors';

/** No post with this id in the account (or it was deleted). */
export class PostNotFoundError extends NotFoundError {
  constructor(readonly postId: string) {
    super(`Post ${postId} was not found`);
  }
}

/** Publishing a post whose expiry has already passed: it would be hidden the moment it went out. */
export class PostExpiredError extends InvalidStateError {
  readonly field = 'expiresAt';
}
