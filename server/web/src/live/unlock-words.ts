import { displayMinor } from '../format/money';
import type { StreamUnlock } from './live-types';

/**
 * What a locked stream asks of a viewer, in words, from what would open it: `Followers`, `Gold subscribers`,
 * `Ticket holders ($9.00)`, joined by "or". The server's own description of the rule stands when none of these
 * would open it (a rule no single step satisfies).
 */
export function unlockWords(unlock: StreamUnlock): string {
  const ways: string[] = [];
  if (unlock.byFollowing) ways.push('Followers');
  if (unlock.tier) ways.push(`${unlock.tier.name} subscribers`);
  if (unlock.ticket) ways.push(`Ticket holders (${displayMinor('USD', unlock.ticket.amount)})`);
  return ways.length > 0 ? ways.join(' or ') : unlock.hint;
}
