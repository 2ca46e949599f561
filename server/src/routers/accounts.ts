import {
  requestPasswordResetInputSchema,
  resetPasswordInputSchema,
  signInInputSchema,
  signUpInputSchema,
} from '@shared/domain/accounts/account-fields';
import { publicProcedure, router, signedInProcedure } from './trpc';

/** `accounts.*`: signing up, in and out, resetting a forgotten password; the rules of each field live in the shared domain. */
export const accountsRouter = router({
  signUp: publicProcedure.input(signUpInputSchema).mutation(async ({ ctx, input }) => {
    const signedIn = await ctx.services.accounts.signUp({ ...input, ip: ctx.ip });
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

  /** Mails a reset link if an account uses the email; the answer does not say whether one does. */
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInputSchema)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.passwordResets.request({ email: input.email, ip: ctx.ip });
      // `developmentOutbox`: the mail is in DATA_DIR/mail-outbox, which the page then points a developer to.
      return { sent: true as const, developmentOutbox: ctx.services.passwordResets.mailStaysLocal };
    }),

  /** Sets a new password with a reset link's token, ends every other session and signs in. */
  resetPassword: publicProcedure.input(resetPasswordInputSchema).mutation(async ({ ctx, input }) => {
    const signedIn = await ctx.services.passwordResets.reset({ ...input, ip: ctx.ip });
    ctx.cookie.set(signedIn.token);
    return signedIn;
  }),

  me: publicProcedure.query(({ ctx }) => ctx.session?.account ?? null),
});
