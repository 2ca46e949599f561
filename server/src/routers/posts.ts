import { z } from 'zod';
import { postDraftSchema } from '@shared/domain/posts/post';
import { creatorProcedure, router } from './trpc';

const postId = z.object({ id: z.uuid() });

export const postsRouter = router({
  mine: creatorProcedure.query(({ ctx }) => ctx.services.posts.listMine(ctx.session.account)),

  create: creatorProcedure
    .input(z.object({ id: z.uuid().optional(), draft: postDraftSchema }))
    .mutation(async ({ ctx, input }) => {
      const postId = input.id ?? ctx.services.posts.newPostId();
      const { post } = await ctx.services.posts.execute(ctx.session.account, {
        type: 'create',
        postId,
        draft: input.draft,
      });
      return post;
    }),

  update: creatorProcedure
    .input(z.object({ id: z.uuid(), baseVersion: z.number().int().nonnegative(), draft: postDraftSchema }))
    .mutation(async ({ ctx, input }) => {
      const { post } = await ctx.services.posts.execute(ctx.session.account, {
        type: 'update',
        postId: input.id,
        baseVersion: input.baseVersion,
        draft: input.draft,
      });
      return post;
    }),

  publish: creatorProcedure.input(postId).mutation(async ({ ctx, input }) => {
    const { post } = await ctx.services.posts.execute(ctx.session.account, {
      type: 'publish',
      postId: input.id,
    });
    return post;
  }),

  unpublish: creatorProcedure.input(postId).mutation(async ({ ctx, input }) => {
    const { post } = await ctx.services.posts.execute(ctx.session.account, {
      type: 'unpublish',
      postId: input.id,
    });
    return post;
  }),

  delete: creatorProcedure.input(postId).mutation(async ({ ctx, input }) => {
    await ctx.services.posts.execute(ctx.session.account, { type: 'delete', postId: input.id });
    return { ok: true as const };
  }),
});
