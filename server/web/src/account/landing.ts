import type { AccountView } from '../api/types';
import { creatorPath, welcomePath } from '../routing/paths';

/**
 * Where a new account goes once signed up. A creator lands on the welcome page, which shows their page's
 * address and how to write posts (in the studio, not here), and leads back to `next`; a fan goes straight to
 * `next`, the page they signed up from.
 */
export function landingAfterSignUp(account: Pick<AccountView, 'role' | 'handle'>, next: string): string {
  return account.role === 'creator' && account.handle ? welcomePath(next) : next;
}

/**
 * Where an account goes once a reset link has signed it in: `next` when the page was opened with one,
 * otherwise a creator's own page, or home for a fan.
 */
export function landingAfterPasswordReset(
  account: Pick<AccountView, 'role' | 'handle'>,
  next: string,
): string {
  if (next !== '/') return next;
  return account.role === 'creator' && account.handle ? creatorPath(account.handle) : '/';
}
