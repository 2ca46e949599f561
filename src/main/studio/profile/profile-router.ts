import { z } from 'zod';
import type { LocalProfile } from '@shared/domain/profile/local-profile';
import { PROFILE_KIND, profileDraftSchema } from '@shared/domain/profile/profile';
import { accountProcedure, router } from '../trpc';

const edit = PROFILE_KIND.entity;
const itself = (profile: LocalProfile) => [profile.creatorId];

/** `profile.*`: one account's public profile as the studio holds it, edited offline or online. */
export const profileRouter = router({
  get: accountProcedure.query(({ ctx }): LocalProfile => ctx.session.features.profile.get()),
  update: accountProcedure
    .input(z.object({ draft: profileDraftSchema }))
    .mutation(({ ctx, input }) => ctx.session.edit(edit, (f) => f.profile.update(input.draft), itself)),
  resolveConflict: accountProcedure
    .input(z.object({ keep: z.enum(['mine', 'server']) }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(edit, (f) => f.profile.resolveConflict(input.keep), itself),
    ),
});
