import { resetPasswordInputSchema } from '@shared/domain/accounts/account-fields';

/**
 * The token of a password-reset link (`/reset-password#token=…`), or null when the address has none the server
 * could take. The mail puts it in the fragment, which browsers send neither to the server (so no log holds
 * it) nor in a Referer.
 */
export function resetTokenFrom(hash: string): string | null {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  const token = resetPasswordInputSchema.shape.token.safeParse(raw ?? '');
  return token.success ? token.data : null;
}
