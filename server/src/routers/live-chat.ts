import { z } from 'zod';
import { chatTextSchema } from '@shared/domain/live/chat-message';
import { CHAT_TIMEOUT_MAX_MINUTES, chatSettingsSchema } from '@shared/domain/live/chat-settings';
import { reactionSchema } from '@shared/domain/live/reactions';
import { singleLineText } from '@shared/domain/text';
import { minorUnitsSchema, tipMessageSchema } from '@shared/domain/tips/tip-rules';
import { paymentMethodSchema } from './tips';
import { handingOverToSocket } from '../http/direct-subscription';
import { actingForProcedure, publicProcedure, router, signedInProcedure, untilSessionRevoked } from './trpc';

const streamId = z.uuid('streamId must be a stream id');
const fanId = z.uuid('fanId must be an account id');
const accountId = z.uuid('accountId must be an account id');

/** At most this many messages per history page. */
export const CHAT_HISTORY_PAGE_MAX = 100;

/** `liveChat.*`: a stream's chat, reactions, tips in chat, moderation, and its live events. */
export const liveChatRouter = router({
  send: signedInProcedure
    .input(z.object({ streamId, text: chatTextSchema }))
    .mutation(({ ctx, input }) =>
      ctx.services.live.chat.chat.send(ctx.session.account, input.streamId, input.text),
    ),

  delete: signedInProcedure
    .input(z.object({ messageId: z.uuid('messageId must be a chat message id') }))
    .mutation(({ ctx, input }) => ctx.services.live.chat.chat.delete(ctx.session.account, input.messageId)),

  timeout: signedInProcedure
    .input(
      z.object({
        streamId,
        fanId,
        minutes: z
          .number('minutes must be a number')
          .int('minutes must be a whole number')
          .min(1, 'a timeout lasts at least 1 minute')
          .max(
            CHAT_TIMEOUT_MAX_MINUTES,
            `a timeout lasts at most ${CHAT_TIMEOUT_MAX_MINUTES} minutes (a week); ban instead`,
          ),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.live.chat.chat.timeout(ctx.session.account, input.streamId, input.fanId, input.minutes),
    ),

  ban: signedInProcedure
    .input(z.object({ streamId, fanId, reason: singleLineText('a ban reason', 200).default('') }))
    .mutation(({ ctx, input }) =>
      ctx.services.live.chat.chat.ban(ctx.session.account, input.streamId, input.fanId, input.reason),
    ),

  unban: signedInProcedure
    .input(z.object({ streamId, fanId }))
    .mutation(({ ctx, input }) =>
      ctx.services.live.chat.chat.unban(ctx.session.account, input.streamId, input.fanId),
    ),

  bans: actingForProcedure.query(({ ctx }) => ctx.services.live.chat.chat.bans(ctx.actor, ctx.creatorId)),

  moderators: actingForProcedure.query(({ ctx }) =>
    ctx.services.live.chat.chat.moderators(ctx.actor, ctx.creatorId),
  ),

  appointModerator: actingForProcedure
    .input(z.object({ accountId }))
    .mutation(({ ctx, input }) =>
      ctx.services.live.chat.chat.appoint(ctx.actor, ctx.creatorId, input.accountId),
    ),

  removeModerator: actingForProcedure
    .input(z.object({ accountId }))
    .mutation(({ ctx, input }) =>
      ctx.services.live.chat.chat.removeModerator(ctx.actor, ctx.creatorId, input.accountId),
    ),

  settings: actingForProcedure.query(({ ctx }) =>
    ctx.services.live.chat.chat.settings(ctx.actor, ctx.creatorId),
  ),

  updateSettings: actingForProcedure.input(chatSettingsSchema).mutation(({ ctx, input }) =>
    ctx.services.live.chat.chat.updateSettings(ctx.actor, ctx.creatorId, {
      slowModeSeconds: input.slowModeSeconds,
      blockedWords: input.blockedWords,
    }),
  ),

  history: publicProcedure
    .input(
      z.object({
        streamId,
        before: z.uuid('before must be a chat message id').nullish(),
        limit: z
          .number()
          .int()
          .min(1)
          .max(CHAT_HISTORY_PAGE_MAX, `at most ${CHAT_HISTORY_PAGE_MAX} messages a page`)
          .default(50),
      }),
    )
    .query(({ ctx, input }) =>
      ctx.services.live.chat.chat.history(ctx.session?.account.id ?? null, input.streamId, {
        before: input.before ?? null,
        limit: input.limit,
      }),
    ),

  react: signedInProcedure
    .input(z.object({ streamId, reaction: reactionSchema }))
    .mutation(({ ctx, input }) =>
      ctx.services.live.chat.reactions.react(ctx.session.account, input.streamId, input.reaction),
    ),

  tip: signedInProcedure
    .input(
      // Strict: a price or fee sent along is refused, never ignored (the amount is the fan's own choice).
      z.strictObject({
        streamId,
        amount: minorUnitsSchema,
        currency: z.literal('USD', 'tips are in USD'),
        message: tipMessageSchema,
        paymentMethod: paymentMethodSchema,
        idempotencyKey: z.uuid('must be a UUID made once per tip'),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.live.chat.tips.tip(ctx.session.account, input)),

  /**
   * A stream's live events in batches, for whoever may watch it (anonymous viewers of public streams too);
   * the creator and moderators also get moderation events. A viewer who falls behind gets `missed`, or is cut.
   */
  events: publicProcedure.input(z.object({ streamId })).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const { session, connection } = ctx;
    // A viewer whose socket stops draining gets nothing more written to it (its backlog stays bounded).
    const unreadBytes = connection ? () => connection.bufferedBytes() : undefined;
    // The connection object lives as long as the WebSocket: it tells one anonymous viewer's subscriptions apart.
    const { subscription } = await ctx.services.live.chat.follow(
      session?.account.id ?? null,
      input.streamId,
      unreadBytes,
      connection ?? undefined,
    );
    // Over WebSocket, the batches after the first are written straight to the socket (cheaper per subscriber).
    const batches = (until?: AbortSignal) =>
      connection
        ? handingOverToSocket(connection, subscription, subscription.batches(until))
        : subscription.batches(until);
    try {
      if (session) {
        yield* untilSessionRevoked({ services: ctx.services, session }, signal, batches);
      } else {
        yield* batches(signal);
      }
    } finally {
      subscription.close();
    }
  }),
});
