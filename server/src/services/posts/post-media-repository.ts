import type { PostMedia } from '@shared/domain/posts/post';
import type { Queryable } from '../../db/queryable';

/** The `post_media` table: each post's media items in order, with their captions. */
export class PostMediaRepository {
  /** Makes `items` the post's whole media set, in this order, in the caller's transaction. */
  async replace(trx: Queryable, postId: string, items: readonly PostMedia[]): Promise<void> {
    await trx.deleteFrom('post_media').where('post_id', '=', postId).execute();
    if (items.length === 0) return;
    await trx
      .insertInto('post_media')
      .values(
        items.map((item, position) => ({
          post_id: postId,
          position,
          media_id: item.mediaId,
          caption: item.caption,
        })),
      )
      .execute();
  }

  /** One post's media in order. */
  async ofPost(q: Queryable, postId: string): Promise<PostMedia[]> {
    return (await this.ofPosts(q, [postId])).get(postId) ?? [];
  }

  /** Many posts' media in one query, each post's in order; a post without media is absent from the map. */
  async ofPosts(q: Queryable, postIds: readonly string[]): Promise<Map<string, PostMedia[]>> {
    const byPost = new Map<string, PostMedia[]>();
    if (postIds.length === 0) return byPost;
    const rows = await q
      .selectFrom('post_media')
      .select(['post_id', 'media_id', 'caption'])
      .where('post_id', 'in', [...new Set(postIds)])
      .orderBy('post_id')
      .orderBy('position')
      .execute();
    for (const row of rows) {
      const list = byPost.get(row.post_id) ?? [];
      list.push({ mediaId: row.media_id, caption: row.caption });
      byPost.set(row.post_id, list);
    }
    return byPost;
  }
}
