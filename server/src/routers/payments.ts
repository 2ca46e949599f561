import { z } from 'zod';
import { NotFoundError } from '@shared/domain/errors';
import { minorUnitsSchema } from '@shared/domain/tips/tip-rules';
import { RECEIPT_PAGE_MAX } from '../services/payments/receipts';
import { actingForProcedure, publicProcedure, router, signedInProcedure } from './trpc';

/**
 * `payments.*`: how the fan web takes cards; a fan's own payments (a page waiting on one still processed); a
 * creator's refunds.
 */
export const paymentsRouter = router({
  /** The card part's rail: the sandbox's form, or Stripe Elements with the publishable key (never a secret). */
  config: publicProcedure.query(({ ctx }) => ctx.services.cardEntry),

  get: signedInProcedure.input(z.object({ paymentId: z.uuid() })).query(async ({ ctx, input }) => {
    const payment = await ctx.services.payments.paymentOf(ctx.session.account.id, input.paymentId);
    if (!payment) throw new NotFoundError('No such payment of yours');
    return payment;
  }),

  /** The fan's own payments as receipts, newest first, a page at a time (acting for a creator shows nothing more). */
  mine: signedInProcedure
    .input(
      z
        .object({
          // Named `cursor` so TanStack Query's infinite queries can page through it.
          cursor: z.string().max(100, 'cursor is at most 100 characters').nullish(),
          limit: z
            .number('limit must be a number')
            .int('limit must be a whole number')
            .min(1, 'limit must be at least 1')
            .max(RECEIPT_PAGE_MAX, `limit must be at most ${RECEIPT_PAGE_MAX}`)
            .default(20),
        })
        .optional(),
    )
    .query(({ ctx, input }) =>
      ctx.services.receipts.mine(ctx.session.account, {
        cursor: input?.cursor ?? null,
        limit: input?.limit ?? 20,
      }),
    ),

  /** One of the fan's payments with its ledger lines (the charge, refunds, a dispute); NOT_FOUND for anyone else's. */
  receipt: signedInProcedure
    .input(z.object({ paymentId: z.uuid('paymentId must be a payment id (a UUID)') }))
    .query(({ ctx, input }) => ctx.services.receipts.receipt(ctx.session.account, input.paymentId)),

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
