import { describe, expect, it } from 'vitest';
import { checkPlanForm } from './live-form';
import { planConflictSide, planEditFormOf, serverAudienceWords } from './plan-edit';

const ID = '0b7c2a52-5a1e-4b39-9d43-0a4c1c9f6b11';
const NOW = new Date('2026-06-01T12:00:00');

describe('editing a planned stream', () => {
  it('opens with the stream’s title, audience, price and start as the form shows them', () => {
    const form = planEditFormOf({
      title: 'Kiln opening',
      access: { kind: 'ticket', priceCents: '450' },
      scheduledFor: new Date('2026-06-03T18:30').toISOString(),
    });
    expect(form).toMatchObject({
      title: 'Kiln opening',
      audience: 'ticket',
      ticketPrice: '4.50',
      minTier: '',
      plannedFor: '2026-06-03T18:30',
    });
  });

  it('reads back, unchanged, as the same plan', () => {
    const scheduledFor = new Date('2026-06-03T18:30').toISOString();
    const stream = {
      title: 'Glaze Q&A',
      access: { kind: 'subscribers' as const, minTier: 'gold' },
      scheduledFor,
    };
    const checked = checkPlanForm(planEditFormOf(stream), NOW);
    expect(checked).toEqual({ ok: true, plan: stream });
  });

  it('offers everyone for a rule set on the web that the form does not offer, and no time for none set', () => {
    expect(planEditFormOf({ title: 'Studio tour', access: null, scheduledFor: null })).toMatchObject({
      audience: 'public',
      plannedFor: '',
    });
  });
});

describe('a planned stream in conflict', () => {
  it('says each version’s title, start and audience as fans would see them', () => {
    const side = planConflictSide(
      "Server's version",
      {
        id: ID,
        title: 'Kiln opening (moved)',
        accessRule: { kind: 'purchased', itemId: ID },
        ticketPrice: { currency: 'USD', minor: '500' },
        scheduledFor: '2026-06-03T16:30:00.000Z',
        status: 'scheduled',
      },
      (at) => at.toISOString(),
    );
    expect(side).toEqual({
      heading: "Server's version",
      facts: [
        ['Title', 'Kiln opening (moved)'],
        ['Starts', '2026-06-03T16:30:00.000Z'],
        ['Who can watch', 'ticket holders ($5.00)'],
      ],
    });
  });

  it('says a server’s version that is no longer planned, and a rule the form does not offer', () => {
    const side = planConflictSide('x', {
      id: ID,
      title: 'Gone',
      accessRule: { kind: 'subscriber', minTier: 'gold' },
      ticketPrice: null,
      scheduledFor: null,
      status: 'cancelled',
    });
    expect(side.facts).toContainEqual(['Status', 'cancelled']);
    expect(side.facts).toContainEqual(['Starts', 'No time set']);
    expect(side.facts).toContainEqual(['Who can watch', 'subscribers from tier gold']);
    expect(
      serverAudienceWords({ id: ID, accessRule: { kind: 'purchased', itemId: 'other' }, ticketPrice: null }),
    ).not.toBe('everyone');
  });
});
