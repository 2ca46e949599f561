import { z } from 'zod';
import { handleSchema } from '@shared/domain/accounts/account-fields';
import { newId } from '@shared/domain/ids';
import { streamDraftSchema } from '@shared/domain/live/stream';
import { paymentMethodSchema } from './tips';
import { actingForProcedure, publicProcedure, router, signedInProcedure } from './trpc';

const streamId = z.uuid('id must be a stream’s UUID');
const aStream = z.object({ id: streamId });

/** `live.*`: streams, their lifecycle and tickets, and watching them (playback tokens). */
export const liveRouter = router({
  create: actingForProcedure
    .input(z.object({ id: streamId.optional(), draft: streamDraftSchema }))
    .mutation(({ ctx, input }) =>
      ctx.services.live.streams.service.create(ctx.actor, ctx.creatorId, input.id ?? newId(), input.draft),
    ),

  update: actingForProcedure
    .input(
      z.object({
        id: streamId,
        baseVersion: z.number().int().positive('baseVersion is the version you read'),
        draft: streamDraftSchema,
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.live.streams.service.update(
        ctx.actor,
        ctx.creatorId,
        input.id,
        input.baseVersion,
        input.draft,
      ),
    ),

  cancel: actingForProcedure
    .input(aStream)
    .mutation(({ ctx, input }) =>
      ctx.services.live.streams.service.cancel(ctx.actor, ctx.creatorId, input.id),
    ),

  goLive: actingForProcedure
    .input(aStream)
    .mutation(({ ctx, input }) =>
      ctx.services.live.streams.service.goLive(ctx.actor, ctx.creatorId, input.id),
    ),

  end: actingForProcedure
    .input(aStream)
    .mutation(({ ctx, input }) => ctx.services.live.streams.service.end(ctx.actor, ctx.creatorId, input.id)),

  mine: actingForProcedure.query(({ ctx }) =>
    ctx.services.live.streams.service.mine(ctx.actor, ctx.creatorId),
  ),

  get: actingForProcedure
    .input(aStream)
    .query(({ ctx, input }) => ctx.services.live.streams.service.get(ctx.actor, ctx.creatorId, input.id)),

  forCreator: publicProcedure
    .input(z.object({ handle: handleSchema }))
    .query(({ ctx, input }) =>
      ctx.services.live.streams.pages.forCreator(ctx.session?.account ?? null, input.handle),
    ),

  watch: publicProcedure
    .input(z.object({ streamId }))
    .query(({ ctx, input }) =>
      ctx.services.live.streams.watching.watch(ctx.session?.account ?? null, input.streamId),
    ),

  buyTicket: signedInProcedure
    .input(
      // Strict: a price sent along is refused, never ignored (the price is the stream's).
      z.strictObject({
        streamId,
        paymentMethod: paymentMethodSchema,
        idempotencyKey: z.uuid('must be a UUID made once per ticket'),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.live.streams.tickets.buy(ctx.session.account, input)),
});
