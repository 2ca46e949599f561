import { once } from 'node:events';
import { z } from 'zod';
import { chatTextSchema } from '@shared/domain/live/chat-message';
import { CHAT_TIMEOUT_MAX_MINUTES, chatSettingsSchema } from '@shared/domain/live/chat-settings';
import { InvalidStateError, UnavailableError } from '@shared/domain/errors';
import { CHAT_SETTINGS_KIND, STREAM_KIND } from '@shared/domain/live/stream-sync';
import type { AccountSession } from '../accounts/account-session';
import type { AccountService } from '../accounts/account-service';
import { accountProcedure, events, router } from '../trpc';
import type { LocalChatSettings } from './chat-settings-table';
import { streamPlanSchema } from './live-fields';
import { screenSetupSchema, type ScreenSetup } from './live-setup-schema';
import type { LiveSetup } from './live-ports';
import type { LiveChatLine, LiveDevices } from './live-ports';
import type { LiveSnapshot, LiveUpdate } from './live-session';
import { recordingPostSchema, publishRecordingAsPost } from './recording-post';
import type { LocalStream } from './stream-table';

const fanId = z.uuid('fanId must be a UUID');
const planId = z.uuid('id must be a planned stream’s id');
const keep = z.enum(['mine', 'server']);
const itself = (record: { id: string }) => [record.id];
const named = (id: string) => () => [id];

/** The screen's setup with a vault video turned into its file on this computer. */
function setupWithFiles(session: AccountSession, setup: ScreenSetup): LiveSetup {
  const { source } = setup;
  if (source.kind !== 'vault') return { ...setup, source };
  const video = session.features.vault.library.videoForStreaming(source.itemId);
  return {
    ...setup,
    source: { kind: 'file', path: video.path, loop: source.loop, hasAudio: video.hasAudio },
  };
}

/**
 * Goes live on a planned stream: the server must have it as planned. One still waiting in the outbox is pushed
 * now; if it still has not reached the server (offline, refused), Go live is refused in words.
 */
async function goLivePlanned(session: AccountSession, id: string, setup: LiveSetup) {
  const streams = session.features.liveStreams;
  const planned = streams.find(id);
  if (!planned) throw new InvalidStateError('There is no such planned stream');
  if (planned.status !== 'scheduled') {
    throw new InvalidStateError(`This stream is ${planned.status}: plan a new one to go live`);
  }
  if (!streams.onServer(id)) await session.syncNow();
  if (!streams.onServer(id)) {
    const stream = streams.find(id);
    throw new UnavailableError(
      stream?.syncError
        ? `This planned stream did not reach the server: ${stream.syncError}`
        : 'This planned stream has not reached the server yet (it waits to sync): go live once you are back online',
    );
  }
  return session.features.live.session.goLivePlanned(
    { id, title: planned.title, access: planned.access },
    setup,
  );
}

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
  /** Goes live now: on a new stream made from `plan`, or on the planned stream `plannedId`. */
  goLive: accountProcedure
    .input(
      z.union([
        z.object({ plan: streamPlanSchema, setup: screenSetupSchema }),
        z.object({ plannedId: planId, setup: screenSetupSchema }),
      ]),
    )
    .mutation(({ ctx, input }): Promise<LiveSnapshot> => {
      const setup = setupWithFiles(ctx.session, input.setup);
      return 'plannedId' in input
        ? goLivePlanned(ctx.session, input.plannedId, setup)
        : ctx.session.features.live.session.goLive(input.plan, setup);
    }),
  /** The account's videos a stream can play (newest first, at most 100). */
  vaultVideos: accountProcedure.query(async ({ ctx }) => {
    const page = await ctx.session.features.vault.library.list({ kind: 'video', limit: 100 });
    return page.items.map((item) => ({ id: item.id, title: item.title, durationMs: item.durationMs }));
  }),

  /** The streams planned for later (and one on air), by their planned time, as the studio holds them. */
  plans: accountProcedure.query(({ ctx }): LocalStream[] => ctx.session.features.liveStreams.planned()),
  /** Plans a stream for later, offline or online: it reaches the server once through sync. */
  schedule: accountProcedure
    .input(z.object({ plan: streamPlanSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(STREAM_KIND.entity, (f) => f.liveStreams.plan(input.plan), itself),
    ),
  editPlan: accountProcedure
    .input(z.object({ id: planId, plan: streamPlanSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(STREAM_KIND.entity, (f) => f.liveStreams.edit(input.id, input.plan), itself),
    ),
  /** Calls a planned stream off (one the server never had just goes: null). */
  cancelPlan: accountProcedure
    .input(z.object({ id: planId }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(STREAM_KIND.entity, (f) => f.liveStreams.cancel(input.id), named(input.id)),
    ),
  resolvePlanConflict: accountProcedure
    .input(z.object({ id: planId, keep }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(
        STREAM_KIND.entity,
        (f) => f.liveStreams.resolveConflict(input.id, input.keep),
        itself,
      ),
    ),
  /** Slow mode and blocked words, for all the creator's streams, as the studio holds them. */
  chatSettings: accountProcedure.query(({ ctx }): LocalChatSettings =>
    ctx.session.features.chatSettings.get(),
  ),
  setChatSettings: accountProcedure
    .input(z.object({ settings: chatSettingsSchema }))
    .mutation(({ ctx, input }) =>
      ctx.session.edit(
        CHAT_SETTINGS_KIND.entity,
        (f) => f.chatSettings.update(input.settings),
        () => [ctx.session.account.id],
      ),
    ),
  resolveChatSettingsConflict: accountProcedure.input(z.object({ keep })).mutation(({ ctx, input }) =>
    ctx.session.edit(
      CHAT_SETTINGS_KIND.entity,
      (f) => f.chatSettings.resolveConflict(input.keep),
      () => [ctx.session.account.id],
    ),
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
  /** A line in the stream's chat from the creator. */
  say: accountProcedure.input(z.object({ text: chatTextSchema })).mutation(async ({ ctx, input }) => {
    await ctx.session.features.live.session.say(input.text);
    return { ok: true as const };
  }),
  /** Imports the last stream's recording into the vault (which processes and uploads it) and opens a post draft with it. */
  publishRecording: accountProcedure
    .input(recordingPostSchema)
    .mutation(({ ctx, input }) => publishRecordingAsPost(ctx.session, input)),
  /**
   * The session's changes and its chat, as they happen, until the screen leaves. When the session closes
   * (signing in again replaces it, or signing out), the subscription ends once the account's next session is in
   * place (or gone), so the screen loads that one afresh instead of following a closed session for ever.
   */
  onUpdate: accountProcedure.subscription(async function* ({
    ctx,
    input,
    signal,
  }): AsyncGenerator<LiveUpdate> {
    const followed = ctx.session;
    for await (const [update] of events(followed.features.live.session, 'update', signal, 'closed')) {
      yield update as LiveUpdate;
    }
    await replacedOrGone(ctx.accounts, input.accountId, followed, signal);
  }),
});

/** Resolves once `accountId`'s session is no longer `followed` (replaced, or signed out), or after 30 s. */
async function replacedOrGone(
  accounts: AccountService,
  accountId: string,
  followed: AccountSession,
  signal: AbortSignal | undefined,
): Promise<void> {
  const current = () => {
    try {
      return accounts.session(accountId);
    } catch {
      return null;
    }
  };
  const deadline = AbortSignal.timeout(30_000);
  const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
  while (current() === followed && !stop.aborted) {
    await once(accounts, 'state', { signal: stop }).catch(() => undefined);
  }
}
