import { describe, expect, it } from 'vitest';
import { formatCalendarDate, ordinalDayOfMonth } from './calendar-date';

const now = new Date('2026-03-01T12:00:00Z');
const gb = { locale: 'en-GB', timeZone: 'UTC' };

describe('formatCalendarDate', () => {
  it("writes a day of this year as day and month, in the reader's language", () => {
    expect(formatCalendarDate('2026-03-05T10:00:00Z', now, gb)).toBe('5 March');
    expect(formatCalendarDate('2026-03-05T10:00:00Z', now, { locale: 'en-US', timeZone: 'UTC' })).toBe(
      'March 5',
    );
  });

  it('adds the year to a day of another year', () => {
    expect(formatCalendarDate('2027-03-05T10:00:00Z', now, gb)).toBe('5 March 2027');
  });

  it("writes the day it is in the reader's time zone", () => {
    expect(formatCalendarDate('2026-03-05T23:30:00Z', now, { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe(
      '6 March',
    );
    // New Year's Eve in UTC is already next year in Tokyo.
    expect(formatCalendarDate('2026-12-31T20:00:00Z', now, { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe(
      '1 January 2027',
    );
  });

  it('writes nothing for a date it cannot read', () => {
    expect(formatCalendarDate('not a date', now, gb)).toBe('');
  });
});

describe('ordinalDayOfMonth', () => {
  it('says the day of the month as people do', () => {
    const text = (day: number) =>
      ordinalDayOfMonth(`2026-01-${String(day).padStart(2, '0')}T10:00:00Z`, gb).text;
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(text)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '31st',
    ]);
  });

  it("counts the day in the reader's time zone", () => {
    expect(ordinalDayOfMonth('2026-01-05T23:30:00Z', { timeZone: 'Asia/Tokyo' })).toEqual({
      day: 6,
      text: '6th',
    });
  });
});
