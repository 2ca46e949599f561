import { describe, expect, it } from 'vitest';
import { cancelConsequence, subscriptionActions, subscriptionStatus } from './subscription-status';
import type { Subscription } from './subscription-types';

const gb = { locale: 'en-GB', timeZone: 'UTC' };
const now = new Date('2026-02-20T09:00:00Z');
const subscription = (changes: Partial<Subscription> = {}): Subscription => ({
  id: '0190a5c2-7c1e-7000-8000-0000000000aa',
  creatorId: '0190a5c2-7c1e-7000-8000-0000000000bb',
  tierId: '0190a5c2-7c1e-7000-8000-0000000000cc',
  interval: 'month',
  currency: 'USD',
  price: '500',
  status: 'active',
  currentPeriodEnd: '2026-03-05T10:00:00.000Z',
  creator: { handle: 'mara', displayName: 'Mara' },
  tierName: 'Gold',
  cancelAtPeriodEnd: false,
  graceUntil: null,
  ...changes,
});

describe('subscriptionStatus', () => {
  it('says when a running subscription renews, and when a cancelled one ends', () => {
    expect(subscriptionStatus(subscription(), now, gb)).toEqual({ text: 'Renews on 5 March', tone: 'good' });
    expect(subscriptionStatus(subscription({ cancelAtPeriodEnd: true }), now, gb)).toEqual({
      text: 'Ends on 5 March',
      tone: 'neutral',
    });
  });

  it("says when a trial's first payment falls, and when a cancelled trial ends", () => {
    expect(subscriptionStatus(subscription({ status: 'trialing' }), now, gb).text).toBe(
      'Free trial — first payment on 5 March',
    );
    expect(
      subscriptionStatus(subscription({ status: 'trialing', cancelAtPeriodEnd: true }), now, gb).text,
    ).toBe('Ends on 5 March');
  });

  it('asks for a new card by the end of the grace after a failed renewal', () => {
    expect(
      subscriptionStatus(
        subscription({
          status: 'past_due',
          currentPeriodEnd: '2026-02-17T10:00:00.000Z',
          graceUntil: '2026-02-20T10:00:00.000Z',
        }),
        now,
        gb,
      ),
    ).toEqual({ text: 'Payment failed — update your card by 20 February', tone: 'warning' });
    // Without the grace's end, the 3 days after the period's end.
    expect(
      subscriptionStatus(
        subscription({ status: 'past_due', currentPeriodEnd: '2026-03-05T10:00:00.000Z' }),
        now,
        gb,
      ).text,
    ).toBe('Payment failed — update your card by 8 March');
  });

  it('says a cancelled or lapsed subscription has ended, with no date', () => {
    expect(subscriptionStatus(subscription({ status: 'canceled' }), now, gb)).toEqual({
      text: 'Ended',
      tone: 'ended',
    });
    expect(subscriptionStatus(subscription({ status: 'lapsed' }), now, gb).text).toBe('Ended');
  });

  it('adds the year to a date in another year (a yearly renewal)', () => {
    expect(
      subscriptionStatus(subscription({ currentPeriodEnd: '2027-02-20T10:00:00.000Z' }), now, gb).text,
    ).toBe('Renews on 20 February 2027');
  });
});

describe('subscriptionActions', () => {
  it('lets a running subscription be cancelled, its card updated and its tier changed', () => {
    expect(subscriptionActions(subscription(), now)).toEqual({
      cancel: true,
      resume: false,
      updateCard: true,
      changeTier: true,
    });
  });

  it('offers Resume instead of Cancel once cancelled, until the period ends', () => {
    const cancelled = subscription({ cancelAtPeriodEnd: true });
    expect(subscriptionActions(cancelled, now)).toMatchObject({ cancel: false, resume: true });
    expect(subscriptionActions(cancelled, new Date('2026-03-05T10:00:00Z'))).toMatchObject({ resume: false });
  });

  it('lets a fan in grace update the card or cancel, not change tier', () => {
    expect(subscriptionActions(subscription({ status: 'past_due' }), now)).toEqual({
      cancel: true,
      resume: false,
      updateCard: true,
      changeTier: false,
    });
  });

  it('offers nothing on an ended subscription', () => {
    for (const status of ['canceled', 'lapsed'] as const) {
      expect(subscriptionActions(subscription({ status }), now)).toEqual({
        cancel: false,
        resume: false,
        updateCard: false,
        changeTier: false,
      });
    }
  });
});

describe('cancelConsequence', () => {
  it('says what cancelling does before the fan confirms', () => {
    expect(cancelConsequence(subscription(), now, gb)).toBe(
      "You keep access until 5 March; it won't renew after that.",
    );
    expect(cancelConsequence(subscription({ status: 'trialing' }), now, gb)).toBe(
      "Your free trial ends on 5 March and you won't be charged.",
    );
    expect(cancelConsequence(subscription({ status: 'past_due' }), now, gb)).toMatch(/^It ends now/);
  });
});
