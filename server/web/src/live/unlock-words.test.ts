import { describe, expect, it } from 'vitest';
import type { StreamUnlock } from './live-types';
import { unlockWords } from './unlock-words';

const none: StreamUnlock = {
  hint: 'Subscribers (Gold tier or higher) and Purchase',
  byFollowing: false,
  tier: null,
  ticket: null,
};
const gold = { id: 't1', name: 'Gold', currency: 'USD', monthlyPrice: '500' };

describe('unlockWords', () => {
  it('names a ticket with its price rather than the rule\'s "Purchase"', () => {
    expect(unlockWords({ ...none, hint: 'Purchase', ticket: { currency: 'USD', amount: '900' } })).toBe(
      'Ticket holders ($9.00)',
    );
  });

  it('names each way in, joined by or', () => {
    expect(unlockWords({ ...none, tier: gold, ticket: { currency: 'USD', amount: '1250' } })).toBe(
      'Gold subscribers or Ticket holders ($12.50)',
    );
    expect(unlockWords({ ...none, byFollowing: true })).toBe('Followers');
  });

  it("keeps the server's description when no single step opens it", () => {
    expect(unlockWords(none)).toBe('Subscribers (Gold tier or higher) and Purchase');
  });
});
