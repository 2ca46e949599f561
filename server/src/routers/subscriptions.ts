import { z } from 'zod';
import { handleSchema } from '@shared/domain/accounts/account-fields';
import { promoDraftSchema } from '@shared/domain/subscriptions/promo';
import { tierDraftSchema } from '@shared/domain/subscriptions/tier';
import { paymentMethodSchema } from './tips';
import { actingForProcedure, publicProcedure, router, signedInProcedure } from './trpc';

const subscriptionId = z.object({ subscriptionId: z.uuid() });

/** `subscriptions.*`: creators' tiers and promo codes; fans' subscriptions. */
export const subscriptionsRouter = router({
  tiers: publicProcedure
    .input(z.object({ handle: handleSchema }))
    .query(({ ctx, input }) => ctx.services.subscriptions.tiersOf(input.handle)),

  createTier: actingForProcedure
    .input(z.object({ tier: tierDraftSchema }))
    .mutation(({ ctx, input }) => ctx.services.tiers.create(ctx.actor, ctx.creatorId, input.tier)),

  updateTier: actingForProcedure
    .input(z.object({ tierId: z.uuid(), tier: tierDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.services.tiers.update(ctx.actor, ctx.creatorId, input.tierId, input.tier),
    ),

  archiveTier: actingForProcedure
    .input(z.object({ tierId: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.services.tiers.archive(ctx.actor, ctx.creatorId, input.tierId)),

  createPromo: actingForProcedure
    .input(z.object({ promo: promoDraftSchema }))
    .mutation(({ ctx, input }) => ctx.services.promos.create(ctx.actor, ctx.creatorId, input.promo)),

  subscribe: signedInProcedure
    .input(
      // Strict: a price sent along is refused; what a fan pays comes from the tier and the promo on the server.
      z.strictObject({
        handle: handleSchema,
        tierId: z.uuid(),
        interval: z.enum(['month', 'year']),
        promoCode: z.string().max(30).nullish(),
        paymentMethod: paymentMethodSchema,
        idempotencyKey: z.uuid('must be a UUID made once per subscription'),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.subscribe(ctx.session.account, {
        ...input,
        promoCode: input.promoCode ?? null,
      }),
    ),

  mine: signedInProcedure.query(({ ctx }) => ctx.services.subscriptions.mine(ctx.session.account)),

  cancel: signedInProcedure
    .input(subscriptionId)
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.cancel(ctx.session.account, input.subscriptionId),
    ),

  resume: signedInProcedure
    .input(subscriptionId)
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.resume(ctx.session.account, input.subscriptionId),
    ),

  updatePaymentMethod: signedInProcedure
    .input(subscriptionId.extend({ paymentMethod: paymentMethodSchema }))
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.updatePaymentMethod(
        ctx.session.account,
        input.subscriptionId,
        input.paymentMethod,
      ),
    ),

  changeTier: signedInProcedure
    .input(subscriptionId.extend({ tierId: z.uuid(), idempotencyKey: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.changeTier(
        ctx.session.account,
        input.subscriptionId,
        input.tierId,
        input.idempotencyKey,
      ),
    ),
});
