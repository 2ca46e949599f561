import { z } from 'zod';
import { NotFoundError } from '@shared/domain/errors';
import { router, signedInProcedure } from './trpc';

/** `payments.*`: a fan's own payments (a page waiting on one that is still being processed). */
export const paymentsRouter = router({
  get: signedInProcedure.input(z.object({ paymentId: z.uuid() })).query(async ({ ctx, input }) => {
    const payment = await ctx.services.payments.paymentOf(ctx.session.account.id, input.paymentId);
    if (!payment) throw new NotFoundError('No such payment of yours');
    return payment;
  }),
});
