// `push`, not `apply`: tRPC reserves `apply` (and `call`, `then`) as procedure names.
import { applyInputSchema, pullInputSchema } from '@shared/domain/sync/protocol';
import { watchLastSeq } from '../services/sync/watch-last-seq';
import { creatorProcedure, router, signedInProcedure, untilSessionRevoked } from './trpc';

export const syncRouter = router({
  push: creatorProcedure
    .input(applyInputSchema)
    .mutation(({ ctx, input }) => ctx.services.apply.apply(ctx.session.account, input.mutations)),

  pull: signedInProcedure
    .input(pullInputSchema)
    .query(({ ctx, input }) => ctx.services.feed.pull(ctx.session.account.id, input.after, input.limit)),

  onChange: signedInProcedure.subscription(({ ctx, signal }) =>
    untilSessionRevoked(ctx, signal, (until) =>
      watchLastSeq(ctx.services.feed, ctx.session.account.id, until),
    ),
  ),
});
