import { describe, expect, it } from 'vitest';
import { checkPlanForm, checkSetupForm, NEW_LIVE_FORM } from './live-form';
import { blockedWordsOf, plannedStreamLine, syncStateWords } from './live-plans';

const NOW = new Date('2026-06-01T12:00:00');

describe('Plan for later', () => {
  it('turns a title, an audience and a start to come into a plan, the start as an instant', () => {
    const checked = checkPlanForm(
      {
        ...NEW_LIVE_FORM,
        title: ' Kiln opening ',
        audience: 'ticket',
        ticketPrice: '5',
        plannedFor: '2026-06-03T18:30',
      },
      NOW,
    );
    expect(checked).toEqual({
      ok: true,
      plan: {
        title: 'Kiln opening',
        access: { kind: 'ticket', priceCents: '500' },
        scheduledFor: new Date('2026-06-03T18:30').toISOString(),
      },
    });
  });

  it('asks for a start, and one still to come, in words, with the other fields’ errors', () => {
    const none = checkPlanForm({ ...NEW_LIVE_FORM, title: 'Show' }, NOW);
    expect(!none.ok && none.errors).toEqual({ plannedFor: 'Choose when the stream starts.' });
    const past = checkPlanForm({ ...NEW_LIVE_FORM, plannedFor: '2026-06-01T11:59' }, NOW);
    expect(!past.ok && past.errors).toEqual({
      title: 'Give the stream a title: fans see it above the player.',
      plannedFor: 'Choose a start still to come.',
    });
  });

  it('lists a planned stream with its start, audience and where it stands', () => {
    const stream = {
      title: 'Kiln opening',
      scheduledFor: '2026-06-03T16:30:00.000Z',
      access: { kind: 'ticket' as const, priceCents: '500' },
    };
    expect(plannedStreamLine(stream, (at) => at.toISOString())).toBe(
      'Kiln opening: 2026-06-03T16:30:00.000Z, for ticket holders ($5.00)',
    );
    expect(plannedStreamLine({ ...stream, access: null, scheduledFor: null })).toBe(
      'Kiln opening: no time set, for as set on the web',
    );
    expect(syncStateWords({ syncState: 'pending', syncError: null })).toBe('Waiting to reach the server');
    expect(syncStateWords({ syncState: 'conflict', syncError: null })).toBe(
      'Changed on the web meanwhile: choose the version to keep',
    );
    expect(
      syncStateWords({ syncState: 'rejected', syncError: 'a stream is planned for a time still to come' }),
    ).toBe('Refused by the server: a stream is planned for a time still to come');
  });

  it('reads blocked words separated by spaces, commas or lines', () => {
    expect(blockedWordsOf(' spam, scam\nbuy-now  ')).toEqual(['spam', 'scam', 'buy-now']);
    expect(blockedWordsOf('   ')).toEqual([]);
  });

  it('checks only the sources and quality when going live on a planned stream (no title needed)', () => {
    expect(checkSetupForm({ ...NEW_LIVE_FORM, preset: '480p30' })).toEqual({
      ok: true,
      setup: { source: { kind: 'test-pattern' }, encoding: { preset: '480p30' }, videoEncoder: null },
    });
    const noPicture = checkSetupForm({ ...NEW_LIVE_FORM, picture: 'camera:' });
    expect(!noPicture.ok && noPicture.errors).toEqual({
      picture: 'Choose what to show: a camera, a screen, a video from your vault or the test pattern.',
    });
  });
});
