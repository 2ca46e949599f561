import { z } from 'zod';
import { profileDraftSchema } from '@shared/domain/profile/profile';
import { actingForProcedure, router } from './trpc';

/** `profiles.*`: a creator's profile, for web and API clients (the studio syncs it through `sync.push`). */
export const profilesRouter = router({
  mine: actingForProcedure.query(({ ctx }) => ctx.services.profiles.get(ctx.actor, ctx.creatorId)),

  update: actingForProcedure
    .input(z.object({ baseVersion: z.number().int().nonnegative(), draft: profileDraftSchema }))
    .mutation(async ({ ctx, input }) => {
      const { profile } = await ctx.services.profiles.update(ctx.actor, ctx.creatorId, {
        type: 'update',
        baseVersion: input.baseVersion,
        draft: input.draft,
      });
      return profile;
    }),
});
