import { ValidationError } from '@shared/domain/errors';
import type { PostMedia } from '@shared/domain/posts/post';
import { mediaReadiness, type MediaReadiness } from '@shared/domain/posts/post-media-readiness';
import type { Queryable } from '../../db/queryable';
import { MediaRepository } from '../media/media-repository';

/**
 * What a post's media items are on the server, read in the post's transaction: on PGlite (one connection) a
 * read on the pool would wait for that very transaction to end. `post_media` has no foreign key to `media`
 * (a studio syncs a post before its uploads finish), so these checks are where a post's media is vouched for.
 */
export class PostMediaCheck {
  /**
   * Refuses a draft naming an item that exists and is another creator's. Items the server does not hold yet
   * pass: the studio syncs a post while its uploads are still on their way.
   */
  async assertDraftMedia(q: Queryable, creatorId: string, media: readonly PostMedia[]): Promise<void> {
    if (media.length === 0) return;
    const found = await this.#find(q, media);
    const foreign = found.filter((item) => item.creatorId !== creatorId).length;
    if (foreign > 0) {
      throw new ValidationError(
        foreign === 1
          ? "a media item in this post is another creator's"
          : `${foreign} media items in this post are another creator's`,
        'media',
      );
    }
  }

  /** The post's items counted by what stands between them and publishing. */
  async readiness(q: Queryable, creatorId: string, media: readonly PostMedia[]): Promise<MediaReadiness> {
    const ids = media.map((item) => item.mediaId);
    return mediaReadiness(creatorId, ids, media.length === 0 ? [] : await this.#find(q, media));
  }

  #find(q: Queryable, media: readonly PostMedia[]) {
    // A Transaction is a Kysely, so the media feature's repository reads in the post's transaction.
    return new MediaRepository(q).findMany(media.map((item) => item.mediaId));
  }
}
