import { z } from 'zod';
import { handleSchema } from '@shared/domain/accounts/account-fields';
import { publicProcedure, router, signedInProcedure } from './trpc';

/** A handle as people type it (`@Mara`, `mara`); one that cannot exist is refused before any lookup. */
const handle = handleSchema;

/** `creators.*`: creators' public pages, and following them. */
export const creatorsRouter = router({
  page: publicProcedure
    .input(
      z.object({
        handle,
        // Named `cursor` so TanStack Query's infinite queries can page through it.
        cursor: z.string().max(100, 'cursor is at most 100 characters').nullish(),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .query(({ ctx, input }) => ctx.services.creatorPages.page(ctx.session?.account ?? null, input)),

  follow: signedInProcedure
    .input(z.object({ handle }))
    .mutation(({ ctx, input }) => ctx.services.follows.follow(ctx.session.account, input.handle)),

  unfollow: signedInProcedure
    .input(z.object({ handle }))
    .mutation(({ ctx, input }) => ctx.services.follows.unfollow(ctx.session.account, input.handle)),
});
