import { z } from 'zod';
import { postDraftSchema } from '@shared/domain/posts/post';
import { newId } from '@shared/domain/ids';
import { actingForProcedure, router } from './trpc';

const postId = z.object({ id: z.uuid() });

/** `posts.*`: a creator's posts, written on the web or by API clients (the studio syncs through `sync.push`). */
export const postsRouter = router({
  mine: actingForProcedure.query(({ ctx }) => ctx.services.posts.listFor(ctx.actor, ctx.creatorId)),

  create: actingForProcedure
    .input(z.object({ id: z.uuid().optional(), draft: postDraftSchema }))
    .mutation(async ({ ctx, input }) => {
      const { post } = await ctx.services.posts.execute(ctx.actor, ctx.creatorId, input.id ?? newId(), {
        type: 'create',
        draft: input.draft,
      });
      return post;
    }),

  update: actingForProcedure
    .input(z.object({ id: z.uuid(), baseVersion: z.number().int().nonnegative(), draft: postDraftSchema }))
    .mutation(async ({ ctx, input }) => {
      const { post } = await ctx.services.posts.execute(ctx.actor, ctx.creatorId, input.id, {
        type: 'update',
        baseVersion: input.baseVersion,
        draft: input.draft,
      });
      return post;
    }),

  publish: actingForProcedure.input(postId).mutation(async ({ ctx, input }) => {
    const { post } = await ctx.services.posts.execute(ctx.actor, ctx.creatorId, input.id, {
      type: 'publish',
    });
    return post;
  }),

  unpublish: actingForProcedure.input(postId).mutation(async ({ ctx, input }) => {
    const { post } = await ctx.services.posts.execute(ctx.actor, ctx.creatorId, input.id, {
      type: 'unpublish',
    });
    return post;
  }),

  delete: actingForProcedure.input(postId).mutation(async ({ ctx, input }) => {
    await ctx.services.posts.execute(ctx.actor, ctx.creatorId, input.id, { type: 'delete' });
    return { ok: true as const };
  }),
});
