import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import {
  describeExpiry,
  describeInstant,
  describeScheduled,
  instantFromWallTime,
  isWallTime,
  resolveWallTime,
  wallTimeOf,
} from './zoned';

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const NOW = new Date('2026-06-01T12:00:00Z');

describe('wall times in a time zone', () => {
  it('names the instant of a wall time in winter and in summer', () => {
    expect(instantFromWallTime('2026-12-24T18:00', PARIS)).toBe('2026-12-24T17:00:00.000Z');
    expect(instantFromWallTime('2026-07-14T22:30', PARIS)).toBe('2026-07-14T20:30:00.000Z');
    expect(instantFromWallTime('2026-12-24T18:00', NEW_YORK)).toBe('2026-12-24T23:00:00.000Z');
    expect(instantFromWallTime('2026-07-04T21:00', NEW_YORK)).toBe('2026-07-05T01:00:00.000Z');
    expect(instantFromWallTime('2026-12-31T23:59', 'UTC')).toBe('2026-12-31T23:59:00.000Z');
  });

  it('reads an instant back as the wall time it shows, seconds dropped', () => {
    expect(wallTimeOf('2026-12-24T17:00:00.000Z', PARIS)).toBe('2026-12-24T18:00');
    expect(wallTimeOf('2026-07-05T01:00:59.999Z', NEW_YORK)).toBe('2026-07-04T21:00');
    expect(wallTimeOf('2026-12-24T18:00:00+01:00', NEW_YORK)).toBe('2026-12-24T12:00');
  });

  it('goes round trip for every hour of a year with both changes of clock', () => {
    for (const zone of [PARIS, NEW_YORK]) {
      for (let time = Date.UTC(2026, 0, 1); time < Date.UTC(2027, 0, 1); time += 3_600_000) {
        const instant = new Date(time).toISOString();
        const wall = wallTimeOf(instant, zone);
        const back = resolveWallTime(wall, zone);
        // A repeated wall time comes back as its earlier instant, so the later one maps one hour back.
        if (back.fit === 'repeated')
          expect([instant, new Date(time - 3_600_000).toISOString()]).toContain(back.instant);
        else expect(back).toEqual({ instant, wallTime: wall, fit: 'exact' });
      }
    }
  });
});

describe('the spring-forward gap: a wall time that does not exist', () => {
  it('moves to the first minute after the gap in Paris (29 March 2026, 02:00 → 03:00)', () => {
    expect(resolveWallTime('2026-03-29T02:30', PARIS)).toEqual({
      instant: '2026-03-29T01:00:00.000Z',
      wallTime: '2026-03-29T03:00',
      fit: 'skipped',
    });
    expect(resolveWallTime('2026-03-29T02:00', PARIS).fit).toBe('skipped');
    expect(resolveWallTime('2026-03-29T02:59', PARIS).instant).toBe('2026-03-29T01:00:00.000Z');
  });

  it('keeps the minutes either side of the gap as they are', () => {
    expect(resolveWallTime('2026-03-29T01:59', PARIS)).toEqual({
      instant: '2026-03-29T00:59:00.000Z',
      wallTime: '2026-03-29T01:59',
      fit: 'exact',
    });
    expect(resolveWallTime('2026-03-29T03:00', PARIS)).toEqual({
      instant: '2026-03-29T01:00:00.000Z',
      wallTime: '2026-03-29T03:00',
      fit: 'exact',
    });
  });

  it('moves to the first minute after the gap in New York (8 March 2026, 02:00 → 03:00)', () => {
    expect(resolveWallTime('2026-03-08T02:15', NEW_YORK)).toEqual({
      instant: '2026-03-08T07:00:00.000Z',
      wallTime: '2026-03-08T03:00',
      fit: 'skipped',
    });
    expect(resolveWallTime('2026-03-08T01:59', NEW_YORK).instant).toBe('2026-03-08T06:59:00.000Z');
  });
});

describe('the fall-back overlap: a wall time that happens twice', () => {
  it('takes the earlier of the two in Paris (25 October 2026, 02:00–02:59 twice)', () => {
    expect(resolveWallTime('2026-10-25T02:30', PARIS)).toEqual({
      instant: '2026-10-25T00:30:00.000Z', // 02:30 summer time (+02:00), not 01:30Z (+01:00)
      wallTime: '2026-10-25T02:30',
      fit: 'repeated',
    });
    expect(resolveWallTime('2026-10-25T01:59', PARIS).fit).toBe('exact');
    expect(resolveWallTime('2026-10-25T03:00', PARIS)).toMatchObject({
      instant: '2026-10-25T02:00:00.000Z',
      fit: 'exact',
    });
    // Both instants read back as the same wall time.
    expect(wallTimeOf('2026-10-25T00:30:00Z', PARIS)).toBe('2026-10-25T02:30');
    expect(wallTimeOf('2026-10-25T01:30:00Z', PARIS)).toBe('2026-10-25T02:30');
  });

  it('takes the earlier of the two in New York (1 November 2026, 01:00–01:59 twice)', () => {
    expect(resolveWallTime('2026-11-01T01:30', NEW_YORK)).toEqual({
      instant: '2026-11-01T05:30:00.000Z', // EDT (-04:00), not 06:30Z (EST)
      wallTime: '2026-11-01T01:30',
      fit: 'repeated',
    });
    expect(resolveWallTime('2026-11-01T02:00', NEW_YORK)).toMatchObject({
      instant: '2026-11-01T07:00:00.000Z',
      fit: 'exact',
    });
  });
});

describe('bad input', () => {
  it('refuses text that is not a real wall time, saying what it expects', () => {
    for (const text of [
      '2026-02-30T10:00',
      '2026-12-24 18:00',
      '2026-12-24T24:00',
      '2026-12-24T18:00:00',
      '',
    ]) {
      expect(isWallTime(text)).toBe(false);
      expect(() => instantFromWallTime(text, PARIS)).toThrow(ValidationError);
    }
    expect(() => instantFromWallTime('2026-02-30T10:00', PARIS)).toThrow(
      '2026-02-30T10:00 is not a date and time like 2026-12-24T18:00',
    );
    expect(isWallTime('2028-02-29T00:00')).toBe(true);
  });

  it('refuses a time zone the runtime does not know', () => {
    expect(() => instantFromWallTime('2026-12-24T18:00', 'Mars/Olympus')).toThrow(
      'Mars/Olympus is not a time zone like Europe/Paris',
    );
    expect(() => wallTimeOf('2026-12-24T17:00:00Z', 'Mars/Olympus')).toThrow(ValidationError);
    expect(() => wallTimeOf('yesterday', PARIS)).toThrow(ValidationError);
  });
});

describe('what the Content screen says', () => {
  it('says when a scheduled post publishes, in the zone it was scheduled in', () => {
    expect(describeScheduled('2026-12-24T17:00:00.000Z', PARIS, NOW)).toBe(
      'Publishes Thu 24 Dec, 18:00 (Europe/Paris)',
    );
    expect(describeScheduled('2026-12-24T17:00:00.000Z', NEW_YORK, NOW)).toBe(
      'Publishes Thu 24 Dec, 12:00 (America/New_York)',
    );
  });

  it('adds the year when it is not this year', () => {
    expect(describeScheduled('2027-01-01T08:00:00.000Z', PARIS, NOW)).toBe(
      'Publishes Fri 1 Jan 2027, 09:00 (Europe/Paris)',
    );
    // This year in the zone, not in UTC: 31 Dec 2026 23:30Z is already 2027 in Paris.
    expect(describeInstant('2026-12-31T23:30:00Z', PARIS, new Date('2026-12-31T23:10:00Z'))).toBe(
      'Fri 1 Jan, 00:30 (Europe/Paris)',
    );
  });

  it('tells the two 01:30s of the New York fall-back day apart by their offset', () => {
    expect(describeInstant('2026-11-01T05:30:00Z', NEW_YORK, NOW)).toBe(
      'Sun 1 Nov, 01:30 (America/New_York, UTC-04:00)',
    );
    expect(describeInstant('2026-11-01T06:30:00Z', NEW_YORK, NOW)).toBe(
      'Sun 1 Nov, 01:30 (America/New_York, UTC-05:00)',
    );
  });

  it('says a scheduled time has passed while the post is not reported published yet', () => {
    expect(describeScheduled('2026-06-01T09:00:00Z', PARIS, NOW)).toBe(
      'Due since Mon 1 Jun, 11:00 (Europe/Paris)',
    );
  });

  it('says when a post expires, or that it has', () => {
    expect(describeExpiry('2026-06-02T09:00:00Z', PARIS, NOW)).toBe(
      'Expires Tue 2 Jun, 11:00 (Europe/Paris)',
    );
    expect(describeExpiry('2026-05-31T09:00:00Z', PARIS, NOW)).toBe(
      'Expired Sun 31 May, 11:00 (Europe/Paris)',
    );
  });
});
