import { z } from 'zod';
import { singleLineText } from '../text';

/**
 * The rules of an account's fields, once for every edge: the server's `accounts.*` inputs, the fan web
 * app's forms (checked before a round trip) and the creator profile's display name.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const EMAIL_MAX = 254;
export const DISPLAY_NAME_MAX = 80;
export const HANDLE_PATTERN = /^[a-z0-9_]{3,30}$/;

export const ACCOUNT_ROLES = ['fan', 'creator', 'manager'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const emailSchema = z
  .string()
  .trim()
  .min(1, 'enter your email address')
  .max(EMAIL_MAX, `email is at most ${EMAIL_MAX} characters`)
  .pipe(z.email('enter a valid email address, like name@example.com'));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `use at most ${PASSWORD_MAX} characters`);

export const passwordSchema = z
  .string()
  .min(1, 'enter your password')
  .max(PASSWORD_MAX, `use at most ${PASSWORD_MAX} characters`);

/** Handles are case-insensitive, typed with or without `@`, and stored lower case. */
export const handleSchema = z
  .string()
  .trim()
  .transform((handle) => handle.replace(/^@/, '').toLowerCase())
  .pipe(z.string().regex(HANDLE_PATTERN, 'use 3 to 30 letters, digits or underscores (a-z, 0-9, _)'));

export const displayNameSchema = singleLineText('display name', DISPLAY_NAME_MAX).refine(
  (name) => name.length > 0,
  'enter the name people will see',
);

export const signUpInputSchema = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    role: z.enum(ACCOUNT_ROLES, 'role must be fan, creator or manager'),
    handle: handleSchema.optional(),
    displayName: displayNameSchema,
  })
  .superRefine((input, ctx) => {
    if (input.role === 'creator' && !input.handle) {
      ctx.addIssue({ code: 'custom', path: ['handle'], message: 'choose a handle for your page address' });
    }
  });
export type SignUpInput = z.infer<typeof signUpInputSchema>;

export const signInInputSchema = z.object({ email: emailSchema, password: passwordSchema });
export type SignInInput = z.infer<typeof signInInputSchema>;

/** Asking for a password-reset link: answered the same whether or not an account uses the email. */
export const requestPasswordResetInputSchema = z.object({ email: emailSchema });
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetInputSchema>;

/** The longest reset token the server issues (`<uuid>.<43 base64url characters>`), with room to spare. */
export const RESET_TOKEN_MAX = 200;

/** Choosing a new password with the token of a reset link. */
export const resetPasswordInputSchema = z.object({
  token: z
    .string()
    .trim()
    .min(1, 'the reset link is incomplete')
    .max(RESET_TOKEN_MAX, 'the reset link is too long'),
  password: newPasswordSchema,
});
export type ResetPasswordInput = z.infer<typeof resetPasswordInputSchema>;
