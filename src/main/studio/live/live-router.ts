import { z } from 'zod';
import { CHAT_TIMEOUT_MAX_MINUTES } from '@shared/domain/live/chat-settings';
import { accountProcedure, events, router } from '../trpc';
import { streamPlanSchema } from './live-fields';
import { liveSetupSchema } from './live-setup-schema';
import type { LiveChatLine, LiveDevices } from './live-ports';
import type { LiveSnapshot, LiveUpdate } from './live-session';
import { recordingPostSchema, publishRecordingAsPost } from './recording-post';

const fanId = z.uuid('fanId must be a UUID');

/**
 * `live.*`: one account's live session: devices, Go live, End, the session's state and chat as they happen
 * (`onUpdate`), moderation, and publishing the recording as a post afterwards.
 */
export const liveRouter = router({
  /** The session now and the chat kept for a screen that opens mid-stream. */
  state: accountProcedure.query(({ ctx }): { snapshot: LiveSnapshot; chat: readonly LiveChatLine[] } => ({
    snapshot: ctx.session.features.live.session.snapshot(),
    chat: ctx.session.features.live.session.chatHistory(),
  })),
  /** What ffmpeg can capture here, and the hardware encoders that work. */
  devices: accountProcedure.query(({ ctx }): Promise<LiveDevices> =>
    ctx.session.features.live.session.devices(),
  ),
  goLive: accountProcedure
    .input(z.object({ plan: streamPlanSchema, setup: liveSetupSchema }))
    .mutation(({ ctx, input }): Promise<LiveSnapshot> =>
      ctx.session.features.live.session.goLive(input.plan, input.setup),
    ),
  end: accountProcedure.mutation(({ ctx }): Promise<LiveSnapshot> => ctx.session.features.live.session.end()),
  moderate: accountProcedure
    .input(
      z.object({
        action: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('delete'), messageId: z.uuid('messageId must be a UUID') }),
          z.object({
            kind: z.literal('timeout'),
            fanId,
            minutes: z.number().int().min(1).max(CHAT_TIMEOUT_MAX_MINUTES),
          }),
          z.object({ kind: z.literal('ban'), fanId }),
        ]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await ctx.session.features.live.session.moderate(input.action);
      return { ok: true as const };
    }),
  /** Imports the last stream's recording into the vault (which processes and uploads it) and opens a post draft with it. */
  publishRecording: accountProcedure
    .input(recordingPostSchema)
    .mutation(({ ctx, input }) => publishRecordingAsPost(ctx.session, input)),
  /** The session's changes and its chat, as they happen, until the screen leaves. */
  onUpdate: accountProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<LiveUpdate> {
    for await (const [update] of events(ctx.session.features.live.session, 'update', signal)) {
      yield update as LiveUpdate;
    }
  }),
});
