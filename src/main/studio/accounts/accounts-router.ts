import { z } from 'zod';
import type { StudioState } from '@shared/domain/sync/status';
import { events, procedure, router } from '../trpc';

const accountId = z.object({ accountId: z.string().min(1).max(200) });

/** `studio.*` and `accounts.*`: which accounts are signed in, their sync, and signing in and out. */
export const studioRouter = router({
  state: procedure.query(({ ctx }): StudioState => ctx.accounts.state()),
  onState: procedure.subscription(async function* ({ ctx, signal }) {
    const changes = events(ctx.accounts, 'state', signal);
    yield ctx.accounts.state();
    for await (const [state] of changes) yield state as StudioState;
  }),
});

export const accountsRouter = router({
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
});
