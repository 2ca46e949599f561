import { resolveWallTime, wallTimeOf } from '@shared/domain/time/zoned';

/** The time zone this computer is set to (what a new schedule is written in); UTC if the runtime has none. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every time zone the runtime knows, for the editor's zone choice; `current` always among them. */
export function timeZoneChoices(current: string): readonly string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** A zone by its name and what its clocks are called at `at`: "Europe/Paris (Central European Standard Time)". */
export function zoneName(timeZone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'long' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    return part && part !== timeZone ? `${timeZone} (${part})` : timeZone;
  } catch {
    return timeZone;
  }
}

/** What a stored instant shows in the editor's date-time field ('' for none). */
export function wallTimeField(instant: string | null | undefined, timeZone: string): string {
  if (!instant) return '';
  try {
    return wallTimeOf(instant, timeZone);
  } catch {
    return '';
  }
}

export type WhenCheck =
  | {
      readonly ok: true;
      /** The instant (ISO, UTC), null when the field is empty. */
      readonly instant: string | null;
      /** A sentence to show under the field when the time is not quite what was typed, or has passed. */
      readonly note: string | null;
    }
  | { readonly ok: false; readonly error: string };

const hhmm = (wallTime: string) => wallTime.slice(11, 16);

/** How the two fields are named in their sentences. */
export const PUBLISH_WORDS = { label: 'Publish at', happens: 'it goes out' } as const;
export const EXPIRY_WORDS = { label: 'Expires at', happens: 'it is hidden' } as const;

/**
 * A date-time field's wall time (`YYYY-MM-DDTHH:mm`, '' for none) in `timeZone`, as the instant it names. A time
 * the clocks skip that day (spring forward) is moved to the end of the gap and a time they show twice is the
 * earlier one (as `zoned.ts` decides); both are said, so the creator knows when it really happens.
 * `what` names the field in the sentences ("It goes out", "It is hidden").
 */
export function checkWallTime(
  wallTime: string,
  timeZone: string,
  now: Date,
  what: { readonly label: string; readonly happens: string },
): WhenCheck {
  if (wallTime.trim() === '') return { ok: true, instant: null, note: null };
  let resolved;
  try {
    resolved = resolveWallTime(wallTime, timeZone);
  } catch {
    return { ok: false, error: `${what.label}: enter both a date and a time.` };
  }
  const past = Date.parse(resolved.instant) <= now.getTime();
  let note: string | null = null;
  if (resolved.fit === 'skipped') {
    note = `The clocks skip ${hhmm(wallTime)} that day in ${timeZone}: ${what.happens} at ${hhmm(resolved.wallTime)}.`;
  } else if (resolved.fit === 'repeated') {
    note = `${hhmm(wallTime)} happens twice that day in ${timeZone} (the clocks go back): ${what.happens} at the first one.`;
  }
  if (past) note = `${note === null ? '' : `${note} `}This time has already passed.`;
  return { ok: true, instant: resolved.instant, note };
}
