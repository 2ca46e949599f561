import { z } from 'zod';
import { NotFoundError } from '@shared/domain/errors';
import { minorUnitsSchema } from '@shared/domain/tips/tip-rules';
import { actingForProcedure, router, signedInProcedure } from './trpc';

/** `payments.*`: a fan's own payments (a page waiting on one still processed); a creator's refunds. */
export const paymentsRouter = router({
  get: signedInProcedure.input(z.object({ paymentId: z.uuid() })).query(async ({ ctx, input }) => {
    const payment = await ctx.services.payments.paymentOf(ctx.session.account.id, input.paymentId);
    if (!payment) throw new NotFoundError('No such payment of yours');
    return payment;
  }),

  /** The creator refunds a payment to them, in full or in part (never more than is left), on its rail. */
  refund: actingForProcedure
    .input(
      z.object({
        paymentId: z.uuid(),
        amount: minorUnitsSchema,
        idempotencyKey: z.uuid('must be a UUID made once per refund'),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.payments.refundAsCreator(ctx.actor, ctx.creatorId, {
        paymentId: input.paymentId,
        minor: BigInt(input.amount),
        idempotencyKey: input.idempotencyKey,
      }),
    ),
});
