import { tzOffset } from '@date-fns/tz';
import { isTimeZone } from '../calendar-day';
import { ValidationError } from '../errors';

/**
 * Wall-clock times (`YYYY-MM-DDTHH:mm`, what a date-time field gives) in an IANA time zone, and the instants
 * they name. The creator schedules in wall time; the server runs at an instant. Daylight saving time makes the
 * two disagree twice a year, and each case is decided here, once:
 * - a wall time the clocks skip (spring forward: 02:30 on the last Sunday of March in Paris) is moved to the
 *   first minute that exists after the gap (03:00): the post goes out as soon as that day's clock allows;
 * - a wall time the clocks show twice (fall back: 02:30 on the last Sunday of October in Paris) is the earlier
 *   of the two (still on summer time), the first moment the clock reads it.
 */

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** How a wall time fits its zone's clock that day. */
export type WallTimeFit = 'exact' | 'skipped' | 'repeated';

export interface ResolvedWallTime {
  /** The instant it names, as an ISO 8601 UTC string. */
  readonly instant: string;
  /** The wall time of that instant: the one asked for, or the first after the gap when it was `skipped`. */
  readonly wallTime: string;
  /** `skipped`: the clocks jump over it (moved later); `repeated`: it happens twice (the earlier is taken). */
  readonly fit: WallTimeFit;
}

/** The instant `wallTime` names in `timeZone` (see the module's note for skipped and repeated times). */
export function instantFromWallTime(wallTime: string, timeZone: string): string {
  return resolveWallTime(wallTime, timeZone).instant;
}

/**
 * The instant `wallTime` names in `timeZone`, and how it fits that day's clock (for the editor to say so).
 * Throws a ValidationError for text that is not a real wall time or a zone the runtime does not know.
 */
export function resolveWallTime(wallTime: string, timeZone: string): ResolvedWallTime {
  const local = parseWallTime(wallTime);
  assertTimeZone(timeZone);
  // The offsets in force around that day; a wall time maps to an instant under an offset when the zone has
  // that very offset at that instant.
  const offsets = new Set([
    offsetAt(timeZone, local - DAY),
    offsetAt(timeZone, local),
    offsetAt(timeZone, local + DAY),
  ]);
  const matches = [...offsets]
    .map((offset) => local - offset * MINUTE)
    .filter((instant) => offsetAt(timeZone, instant) * MINUTE === local - instant)
    .sort((a, b) => a - b);
  const first = matches[0];
  if (first !== undefined) {
    return {
      instant: new Date(first).toISOString(),
      wallTime,
      fit: new Set(matches).size > 1 ? 'repeated' : 'exact',
    };
  }
  const instant = endOfGap(timeZone, local);
  return {
    instant: new Date(instant).toISOString(),
    wallTime: wallTimeAt(instant, timeZone),
    fit: 'skipped',
  };
}

/** The wall time (`YYYY-MM-DDTHH:mm`) an ISO instant shows in `timeZone`, seconds dropped. */
export function wallTimeOf(instant: string, timeZone: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new ValidationError(`${instant} is not an ISO 8601 date and time`);
  assertTimeZone(timeZone);
  return wallTimeAt(time, timeZone);
}

/** Whether `wallTime` is a real wall time written `YYYY-MM-DDTHH:mm` (no 2026-02-30, no 24:00). */
export function isWallTime(wallTime: string): boolean {
  return wallTimeMs(wallTime) !== null;
}

/**
 * When an instant falls in `timeZone`, for people: `Thu 24 Dec, 18:00 (Europe/Paris)`; the year when it is not
 * `now`'s year there, and the UTC offset when the clocks show that time twice that day (so the two differ).
 */
export function describeInstant(instant: string, timeZone: string, now: Date): string {
  const time = Date.parse(instant);
  const wall = wallTimeOf(instant, timeZone);
  const [, year, month, day, hour, minute] = WALL_TIME.exec(wall)!;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()];
  const sameYear = wallTimeAt(now.getTime(), timeZone).slice(0, 4) === year;
  const date = `${weekday} ${Number(day)} ${MONTHS[Number(month) - 1]}${sameYear ? '' : ` ${year}`}`;
  const zone =
    resolveWallTime(wall, timeZone).fit === 'repeated'
      ? `${timeZone}, ${utcOffsetText(offsetAt(timeZone, time))}`
      : timeZone;
  return `${date}, ${hour}:${minute} (${zone})`;
}

/** The Content screen's line for a scheduled post: `Publishes Thu 24 Dec, 18:00 (Europe/Paris)`. */
export function describeScheduled(instant: string, timeZone: string, now: Date): string {
  const when = describeInstant(instant, timeZone, now);
  // Past its time but not reported published yet: the server publishes it when it next runs its jobs.
  return Date.parse(instant) > now.getTime() ? `Publishes ${when}` : `Due since ${when}`;
}

/** The Content screen's line for a post's expiry: `Expires …`, or `Expired …` once it has passed. */
export function describeExpiry(instant: string, timeZone: string, now: Date): string {
  const when = describeInstant(instant, timeZone, now);
  return Date.parse(instant) > now.getTime() ? `Expires ${when}` : `Expired ${when}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The wall time's fields read as if UTC (ms), or null when it is not a real one. */
function wallTimeMs(wallTime: string): number | null {
  const match = WALL_TIME.exec(wallTime);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 30 February over into March: a real day comes back unchanged.
  return new Date(time).toISOString().slice(0, 16) === wallTime ? time : null;
}

function parseWallTime(wallTime: string): number {
  const time = wallTimeMs(wallTime);
  if (time === null) {
    throw new ValidationError(`${wallTime} is not a date and time like 2026-12-24T18:00`, 'wallTime');
  }
  return time;
}

function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone) || Number.isNaN(tzOffset(timeZone, new Date(0)))) {
    throw new ValidationError(`${timeZone} is not a time zone like Europe/Paris`, 'timeZone');
  }
}

/** The zone's UTC offset in minutes at an instant (ms). */
function offsetAt(timeZone: string, time: number): number {
  return tzOffset(timeZone, new Date(time));
}

function wallTimeAt(time: number, timeZone: string): string {
  return new Date(Math.floor(time / MINUTE) * MINUTE + offsetAt(timeZone, time) * MINUTE)
    .toISOString()
    .slice(0, 16);
}

/**
 * The instant a gap around the skipped wall time `local` ends: the clocks jump from the offset before it to a
 * larger one after it, so that instant lies between `local` read under each; found to the minute.
 */
function endOfGap(timeZone: string, local: number): number {
  const before = offsetAt(timeZone, local - DAY);
  const after = offsetAt(timeZone, local + DAY);
  let low = local - Math.max(before, after) * MINUTE; // still on the earlier offset
  let high = local - Math.min(before, after) * MINUTE; // already on the later one
  const later = offsetAt(timeZone, high);
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetAt(timeZone, middle) === later) high = middle;
    else low = middle;
  }
  return high;
}

function utcOffsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const size = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
}
