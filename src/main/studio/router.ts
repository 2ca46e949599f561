import { on, type EventEmitter } from 'node:events';
import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { LocalPost } from '@shared/domain/posts/local-post';
import { postDraftSchema } from '@shared/domain/posts/post';
import type { StudioState } from '@shared/domain/sync/status';
import type { AccountService } from './accounts/account-service';
import { toTRPCError } from './errors';

/** An emitter's events until the subscriber leaves (the abort ends the stream quietly). */
async function* events(emitter: EventEmitter, name: string, signal: AbortSignal | undefined) {
  // Listening starts here, before the caller yields its first value, so no event is missed in between.
  const iterator = on(emitter, name, { signal });
  try {
    for await (const args of iterator) yield args as unknown[];
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}

/** What every studio procedure can reach. */
export interface StudioContext {
  readonly accounts: AccountService;
}

const t = initTRPC.context<StudioContext>().create({ transformer: superjson });

const procedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error);
  return result;
});

const postId = z.object({ id: z.uuid() });
const accountId = z.object({ accountId: z.string().min(1).max(200) });

/** The studio's tRPC router (api.md, "Studio router"): what the renderer calls over IPC or browser mode. */
export function createStudioRouter() {
  return t.router({
    studio: t.router({
      state: procedure.query(({ ctx }): StudioState => ctx.accounts.state()),
      onState: procedure.subscription(async function* ({ ctx, signal }) {
        const changes = events(ctx.accounts, 'state', signal);
        yield ctx.accounts.state();
        for await (const [state] of changes) yield state as StudioState;
      }),
    }),
    accounts: t.router({
      signIn: procedure
        .input(
          z.object({
            serverUrl: z.url({ protocol: /^https?$/, error: 'serverUrl must be an http(s) address' }),
            email: z.string().trim().min(1).max(320),
            password: z.string().min(1).max(200),
          }),
        )
        .mutation(({ ctx, input }) => ctx.accounts.signIn(input)),
      signOut: procedure.input(accountId).mutation(async ({ ctx, input }) => {
        await ctx.accounts.signOut(input.accountId);
        return { ok: true as const };
      }),
      switch: procedure.input(accountId).mutation(async ({ ctx, input }) => {
        await ctx.accounts.switchTo(input.accountId);
        return { ok: true as const };
      }),
    }),
    posts: t.router({
      list: procedure.query(({ ctx }): LocalPost[] => ctx.accounts.active().posts.list()),
      create: procedure
        .input(z.object({ draft: postDraftSchema }))
        .mutation(({ ctx, input }) => ctx.accounts.active().edit((posts) => posts.create(input.draft))),
      update: procedure
        .input(z.object({ id: z.uuid(), draft: postDraftSchema }))
        .mutation(({ ctx, input }) =>
          ctx.accounts.active().edit((posts) => posts.update(input.id, input.draft)),
        ),
      publish: procedure
        .input(postId)
        .mutation(({ ctx, input }) => ctx.accounts.active().edit((posts) => posts.publish(input.id))),
      unpublish: procedure
        .input(postId)
        .mutation(({ ctx, input }) => ctx.accounts.active().edit((posts) => posts.unpublish(input.id))),
      delete: procedure.input(postId).mutation(({ ctx, input }) => {
        ctx.accounts.active().edit((posts) => posts.delete(input.id));
        return { ok: true as const };
      }),
      resolveConflict: procedure
        .input(z.object({ id: z.uuid(), keep: z.enum(['mine', 'server']) }))
        .mutation(({ ctx, input }) =>
          ctx.accounts.active().edit((posts) => posts.resolveConflict(input.id, input.keep)),
        ),
      onChange: procedure.subscription(async function* ({ ctx, signal }) {
        for await (const [revision] of events(ctx.accounts, 'postsChanged', signal)) {
          yield { revision: revision as number };
        }
      }),
    }),
    sync: t.router({
      now: procedure.mutation(async ({ ctx }) => {
        await ctx.accounts.active().syncNow();
        return { ok: true as const };
      }),
    }),
  });
}

export type StudioRouter = ReturnType<typeof createStudioRouter>;
