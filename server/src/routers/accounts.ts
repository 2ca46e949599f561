import { signInInputSchema, signUpInputSchema } from '@shared/domain/accounts/account-fields';
import { publicProcedure, router, signedInProcedure } from './trpc';

/** `accounts.*`: signing up, in and out; the rules of each field live in the shared domain. */
export const accountsRouter = router({
  signUp: publicProcedure.input(signUpInputSchema).mutation(async ({ ctx, input }) => {
    const signedIn = await ctx.services.accounts.signUp(input);
    ctx.cookie.set(signedIn.token);
    return signedIn;
  }),

  signIn: publicProcedure.input(signInInputSchema).mutation(async ({ ctx, input }) => {
    const signedIn = await ctx.services.accounts.signIn({ ...input, ip: ctx.ip });
    ctx.cookie.set(signedIn.token);
    return signedIn;
  }),

  signOut: signedInProcedure.mutation(async ({ ctx }) => {
    await ctx.services.accounts.signOut(ctx.session.sessionId);
    ctx.cookie.clear();
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.session?.account ?? null),
});
