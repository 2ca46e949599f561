import { z } from 'zod';
import { paymentMethodSchema } from './tips';
import { router, signedInProcedure } from './trpc';

/** `purchases.*`: fans buying posts (pay-per-view) and their receipts. */
export const purchasesRouter = router({
  buy: signedInProcedure
    .input(
      // Strict: a price or amount sent along is refused, never ignored (the price is the server's).
      z.strictObject({
        postId: z.uuid(),
        paymentMethod: paymentMethodSchema,
        idempotencyKey: z.uuid('must be a UUID made once per purchase'),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.purchases.buy(ctx.session.account, input)),

  mine: signedInProcedure.query(({ ctx }) => ctx.services.purchases.mine(ctx.session.account)),
});
