import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDayOf, daysBetween, isCalendarDay, nextDay, timeZoneSchema } from './calendar-day';

describe('calendar days', () => {
  it('reads an instant’s calendar day in UTC or in a time zone, daylight saving time included', () => {
    expect(calendarDayOf('2026-12-02T23:30:00.000Z')).toBe('2026-12-02');
    expect(calendarDayOf('2026-12-02T23:30:00.000Z', 'Europe/Paris')).toBe('2026-12-03');
    expect(calendarDayOf('2026-12-02T10:00:00.000Z', 'Pacific/Kiritimati')).toBe('2026-12-03');
    expect(calendarDayOf('2026-12-02T10:00:00.000Z', 'Pacific/Pago_Pago')).toBe('2026-12-01');
    // New York: 04:30Z is the evening before in winter time (UTC−5), half past midnight in summer time (UTC−4).
    expect(calendarDayOf('2026-03-08T04:30:00.000Z', 'America/New_York')).toBe('2026-03-07');
    expect(calendarDayOf('2026-03-09T04:30:00.000Z', 'America/New_York')).toBe('2026-03-09');
    // The night the clocks jump (2:00 EST becomes 3:00 EDT): both sides are the 8th.
    expect(calendarDayOf('2026-03-08T06:59:00.000Z', 'America/New_York')).toBe('2026-03-08');
    expect(calendarDayOf('2026-03-08T07:00:00.000Z', 'America/New_York')).toBe('2026-03-08');
    expect(calendarDayOf('2026-03-09T03:59:00.000Z', 'America/New_York')).toBe('2026-03-08');
    expect(calendarDayOf('not a time')).toBeNull();
  });

  it('knows real calendar days and time zones from everything else', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00']) {
      expect(isCalendarDay(bad), bad).toBe(false);
    }
    expect(timeZoneSchema.safeParse('Europe/Paris').success).toBe(true);
    expect(timeZoneSchema.safeParse('Mars/Olympus_Mons').success).toBe(false);
  });

  it('steps and counts days across months, leap days and daylight saving changes alike', () => {
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2026-03-08')).toBe('2026-03-09');
    expect(daysBetween('2026-12-01', '2026-12-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysBetween('2026-12-02', '2026-12-01')).toBe(0);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.nat(800),
        (ms, n) => {
          const from = new Date(ms).toISOString().slice(0, 10);
          let day = from;
          for (let i = 0; i < n; i += 1) day = nextDay(day);
          expect(isCalendarDay(day)).toBe(true);
          expect(daysBetween(from, day)).toBe(n + 1);
        },
      ),
      { numRuns: 50 },
    );
  });
});
