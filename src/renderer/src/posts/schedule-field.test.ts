import { describe, expect, it } from 'vitest';
import { checkWallTime, PUBLISH_WORDS, timeZoneChoices, wallTimeField, zoneName } from './schedule-field';

const NOW = new Date('2026-01-01T00:00:00Z');
const PARIS = 'Europe/Paris';

describe('a schedule field', () => {
  it('reads a wall time in the creator’s zone as its instant, and empty as none', () => {
    expect(checkWallTime('2026-12-24T18:00', PARIS, NOW, PUBLISH_WORDS)).toEqual({
      ok: true,
      instant: '2026-12-24T17:00:00.000Z',
      note: null,
    });
    expect(checkWallTime('', PARIS, NOW, PUBLISH_WORDS)).toEqual({ ok: true, instant: null, note: null });
  });

  it('says when the clocks skip the time typed, and when it really happens', () => {
    const skipped = checkWallTime('2026-03-29T02:30', PARIS, NOW, PUBLISH_WORDS);
    expect(skipped).toEqual({
      ok: true,
      instant: '2026-03-29T01:00:00.000Z',
      note: 'The clocks skip 02:30 that day in Europe/Paris: it goes out at 03:00.',
    });
  });

  it('says when the clocks show the time twice, and that the first one is used', () => {
    const repeated = checkWallTime('2026-10-25T02:30', PARIS, NOW, PUBLISH_WORDS);
    expect(repeated).toMatchObject({ ok: true, instant: '2026-10-25T00:30:00.000Z' });
    expect(repeated.ok && repeated.note).toBe(
      '02:30 happens twice that day in Europe/Paris (the clocks go back): it goes out at the first one.',
    );
  });

  it('says a time has already passed, and refuses one that is not a time', () => {
    const past = checkWallTime('2025-06-01T10:00', PARIS, NOW, PUBLISH_WORDS);
    expect(past.ok && past.note).toBe('This time has already passed.');
    expect(checkWallTime('2026-02-30T10:00', PARIS, NOW, PUBLISH_WORDS)).toEqual({
      ok: false,
      error: 'Publish at: enter both a date and a time.',
    });
  });

  it('shows a stored instant in its zone, and names the zone', () => {
    expect(wallTimeField('2026-12-24T17:00:00.000Z', PARIS)).toBe('2026-12-24T18:00');
    expect(wallTimeField(null, PARIS)).toBe('');
    expect(zoneName(PARIS, new Date('2026-12-24T12:00:00Z'))).toBe(
      'Europe/Paris (Central European Standard Time)',
    );
    expect(timeZoneChoices(PARIS)).toContain(PARIS);
    expect(timeZoneChoices('Etc/Unknown')[0]).toBe('Etc/Unknown');
  });
});
