import { z } from 'zod';

/**
 * Calendar days (`YYYY-MM-DD`) and the IANA time zones they are read in. A day is a label, not an instant: its
 * arithmetic is the same everywhere; only turning an instant into a day needs the zone (through Intl, so daylight
 * saving time is the zone's own).
 */

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Whether `text` is a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isCalendarDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.toISOString().slice(0, 10) === text;
}

/** Whether the runtime knows `timeZone` as an IANA zone (`Europe/Paris`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    dayFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The calendar day (`YYYY-MM-DD`) of an ISO instant in `timeZone`, through Intl (so daylight saving time is
 * the zone's own); null for text that is not a time (a caller decides what such a record's day is).
 */
export function calendarDayOf(instant: string, timeZone = 'UTC'): string | null {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return null;
  if (timeZone === 'UTC') return new Date(time).toISOString().slice(0, 10);
  const parts = dayFormat(timeZone).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** The day after `day` (calendar arithmetic: the same in every time zone). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + MS_PER_DAY).toISOString().slice(0, 10);
}

/** How many days from `from` to `to`, both included (0 when `to` is before `from`). */
export function daysBetween(from: string, to: string): number {
  const span = (Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / MS_PER_DAY;
  return span < 0 ? 0 : span + 1;
}

export const calendarDaySchema = z.string().refine(isCalendarDay, 'must be a date like 2026-12-31');

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'must be a time zone like Europe/Paris or UTC');
