import { z } from 'zod';
import { publicProcedure, router, signedInProcedure } from './trpc';

const emailSchema = z.email('Invalid email address').max(254, 'email is at most 254 characters');

const signUpInput = z
  .object({
    email: emailSchema,
    password: z
      .string()
      .min(10, 'password must be at least 10 characters')
      .max(200, 'password is at most 200 characters'),
    role: z.enum(['fan', 'creator', 'manager']),
    handle: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9_]{3,30}$/, 'handle must be 3–30 letters, digits or underscores')
      .optional(),
    displayName: z
      .string()
      .trim()
      .min(1, 'display name must not be empty')
      .max(80, 'display name is at most 80 characters'),
  })
  .superRefine((input, ctx) => {
    if (input.role === 'creator' && !input.handle) {
      ctx.addIssue({ code: 'custom', path: ['handle'], message: 'a handle is required for creators' });
    }
  });

const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, 'password must not be empty').max(200, 'password is at most 200 characters'),
});

export const accountsRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const signedIn = await ctx.services.accounts.signUp(input);
    ctx.cookie.set(signedIn.token);
    return signedIn;
  }),

  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
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
