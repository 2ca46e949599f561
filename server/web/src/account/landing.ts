import type { AccountView } from '../api/types';
import { welcomePath } from '../routing/paths';

/**
 * Where a new account goes once signed up. A creator lands on the welcome page, which shows their page's
 * address and how to write posts (in the studio, not here), and leads back to `next`; a fan goes straight to
 * `next`, the page they signed up from.
 */
export function landingAfterSignUp(account: Pick<AccountView, 'role' | 'handle'>, next: string): string {
  return account.role === 'creator' && account.handle ? welcomePath(next) : next;
}
