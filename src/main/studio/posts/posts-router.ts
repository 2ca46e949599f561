import { z } from 'zod';
import { postDraftSchema } from '@shared/domain/posts/post';
import { POST_KIND } from '@shared/domain/posts/post-sync';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { accountProcedure, router } from '../trpc';

const postId = z.object({ id: z.uuid() });
const edit = POST_KIND.entity;
const itself = (post: LocalPost) => [post.id];

/** `posts.*`: one account's posts as the studio holds them, edited offline or online. */
export const postsRouter = router({
  list: accountProcedure.query(({ ctx }): LocalPost[] => ctx.session.features.posts.list()),
  /** The posts with these ids, and the ids that are gone: what the UI refreshes after a `changed` event. */
  byIds: accountProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(1000) }))
    .query(({ ctx, input }) => ctx.session.features.posts.byIds(input.ids)),
  /** The posts whose media include a vault item (its "used in"), newest first. */
  usingMedia: accountProcedure
    .input(z.object({ mediaId: z.uuid() }))
    .query(({ ctx, input }): LocalPost[] => ctx.session.features.posts.usingMedia(input.mediaId)),
  create: accountProcedure
    // `id`: the one the editor chose for a new post (a priced post's rule names it); a new one otherwise.
    .input(z.object({ id: z.uuid().optional(), draft: postDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(edit, (f) => f.posts.create(input.draft, input.id), itself),
    ),
  update: accountProcedure
    .input(z.object({ id: z.uuid(), draft: postDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(edit, (f) => f.posts.update(input.id, input.draft), itself),
    ),
  publish: accountProcedure
    .input(postId)
    .mutation(({ ctx, input }) => ctx.session.edit(edit, (f) => f.posts.publish(input.id), itself)),
  unpublish: accountProcedure
    .input(postId)
    .mutation(({ ctx, input }) => ctx.session.edit(edit, (f) => f.posts.unpublish(input.id), itself)),
  delete: accountProcedure.input(postId).mutation(({ ctx, input }) => {
    ctx.session.edit(
      edit,
      (f) => f.posts.delete(input.id),
      () => [input.id],
    );
    return { ok: true as const };
  }),
  resolveConflict: accountProcedure
    .input(z.object({ id: z.uuid(), keep: z.enum(['mine', 'server']) }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(edit, (f) => f.posts.resolveConflict(input.id, input.keep), itself),
    ),
});
