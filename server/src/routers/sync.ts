// `push`, not `apply`: tRPC reserves `apply` (and `call`, `then`) as procedure names.
import { pullInputSchema, pushInputSchema } from '@shared/domain/sync/protocol';
import { watchLastSeq } from '../services/sync/watch-last-seq';
import { actingForProcedure, router, untilSessionRevoked } from './trpc';

/** `sync.*`: the studio's outbox in (any registered kind), the creator's change feed out. */
export const syncRouter = router({
  push: actingForProcedure
    .input(pushInputSchema)
    .mutation(({ ctx, input }) => ctx.services.sync.push(ctx.actor, ctx.creatorId, input.mutations)),

  pull: actingForProcedure
    .input(pullInputSchema)
    .query(({ ctx, input }) => ctx.services.sync.pull(ctx.actor, ctx.creatorId, input.after, input.limit)),

  onChange: actingForProcedure.subscription(async function* ({ ctx, signal }) {
    await ctx.services.actingFor.assertMayActForAny(ctx.actor, ctx.creatorId);
    yield* untilSessionRevoked(ctx, signal, (until) => watchLastSeq(ctx.services.feed, ctx.creatorId, until));
  }),
});
