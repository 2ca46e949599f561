import { z } from 'zod';
import { handleSchema } from '@shared/domain/accounts/account-fields';
import { minorUnitsSchema, tipMessageSchema } from '@shared/domain/tips/tip-rules';
import { tipSettingsDraftSchema } from '@shared/domain/tips/tip-settings';
import { actingForProcedure, publicProcedure, router, signedInProcedure } from './trpc';

/** A rail's payment method: a Stripe `pm_…` id or a sandbox test card token; never a card number itself. */
export const paymentMethodSchema = z
  .string()
  .regex(
    /^(pm_[A-Za-z0-9_]{1,200}|sandbox_card_\d{12,19})$/,
    'must be a saved payment method (pm_…) or a sandbox test card',
  );

/** `tips.*`: a creator's tip settings and goal, and fans' tips. */
export const tipsRouter = router({
  settings: publicProcedure
    .input(z.object({ handle: handleSchema }))
    .query(({ ctx, input }) => ctx.services.tips.settingsOf(input.handle)),

  send: signedInProcedure
    .input(
      // Strict: a price or fee sent along is refused, never ignored (the amount is the fan's own choice).
      z.strictObject({
        handle: handleSchema,
        postId: z.uuid().nullish(),
        amount: minorUnitsSchema,
        currency: z.literal('USD', 'tips are in USD'),
        message: tipMessageSchema,
        paymentMethod: paymentMethodSchema,
        idempotencyKey: z.uuid('must be a UUID made once per tip'),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.tips.send(ctx.session.account, { ...input, postId: input.postId ?? null }),
    ),

  updateSettings: actingForProcedure
    .input(tipSettingsDraftSchema)
    .mutation(({ ctx, input }) => ctx.services.tips.updateSettings(ctx.actor, ctx.creatorId, input)),
});
