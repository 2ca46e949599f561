import { z } from 'zod';
import { handleSchema } from '@shared/domain/accounts/account-fields';
import { singleLineText, multiLineText } from '@shared/domain/text';
import { MAX_TRIAL_DAYS } from '@shared/domain/subscriptions/billing';
import { minorUnitsSchema } from '@shared/domain/tips/tip-rules';
import { paymentMethodSchema } from './tips';
import { actingForProcedure, publicProcedure, router, signedInProcedure } from './trpc';

const tierInput = z.strictObject({
  name: singleLineText('a tier name', 60).pipe(z.string().min(1, 'a tier needs a name')),
  description: multiLineText('a description', 500).default(''),
  perks: z.array(singleLineText('a perk', 100)).max(10).default([]),
  rank: z.number().int().min(0).max(100),
  monthlyPrice: minorUnitsSchema,
  annualPrice: minorUnitsSchema.nullable().default(null),
  trialDays: z.number().int().min(0).max(MAX_TRIAL_DAYS).default(0),
  ppvDiscountBps: z.number().int().min(0).max(10_000).default(0),
});

const subscriptionId = z.object({ subscriptionId: z.uuid() });

/** `subscriptions.*`: creators' tiers and promo codes; fans' subscriptions. */
export const subscriptionsRouter = router({
  tiers: publicProcedure
    .input(z.object({ handle: handleSchema }))
    .query(({ ctx, input }) => ctx.services.subscriptions.tiersOf(input.handle)),

  createTier: actingForProcedure
    .input(z.object({ tier: tierInput }))
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.createTier(ctx.actor, ctx.creatorId, input.tier),
    ),

  updateTier: actingForProcedure
    .input(z.object({ tierId: z.uuid(), tier: tierInput }))
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.updateTier(ctx.actor, ctx.creatorId, input.tierId, input.tier),
    ),

  archiveTier: actingForProcedure
    .input(z.object({ tierId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.archiveTier(ctx.actor, ctx.creatorId, input.tierId),
    ),

  createPromo: actingForProcedure
    .input(
      z.object({
        promo: z.strictObject({
          code: z.string().regex(/^[A-Za-z0-9_-]{3,30}$/, 'a code is 3 to 30 letters, digits, - or _'),
          percentOff: z.number().int().min(1).max(100).nullable().default(null),
          amountOff: minorUnitsSchema.nullable().default(null),
          tierId: z.uuid().nullable().default(null),
          maxUses: z.number().int().min(1).max(1_000_000).nullable().default(null),
          expiresAt: z.iso.datetime().nullable().default(null),
        }),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.subscriptions.createPromo(ctx.actor, ctx.creatorId, input.promo),
    ),

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
