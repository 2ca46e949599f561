/** No post with this id in the active account (or it was deleted). */
export class PostNotFoundError extends Error {
  constructor(readonly postId: string) {
    super(`Post ${postId} was not found`);
    this.name = 'PostNotFoundError';
  }
}

/** A draft that breaks the post rules; the message names the field. Nothing was written. */
export class InvalidDraftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDraftError';
  }
}

/** Only a post in conflict has two versions to choose from. */
export class NoConflictError extends Error {
  constructor(readonly postId: string) {
    super(`Post ${postId} has no conflict to resolve`);
    this.name = 'NoConflictError';
  }
}
