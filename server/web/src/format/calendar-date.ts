/** How dates are written for one reader: their locale and time zone (the browser's when left out). */
export interface DateStyle {
  readonly locale?: string | undefined;
  readonly timeZone?: string | undefined;
}

/**
 * A day as people say it when it is near: `5 March` (en-GB) or `March 5` (en-US), with the year only when it is
 * not this year's (`5 March 2028`), in the reader's time zone.
 */
export function formatCalendarDate(when: string | Date, now: Date, style: DateStyle = {}): string {
  const date = new Date(when);
  if (Number.isNaN(date.getTime())) return '';
  const zone = style.timeZone ? { timeZone: style.timeZone } : {};
  const yearOf = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', ...zone }).format(d);
  const withYear = yearOf(date) !== yearOf(now);
  return new Intl.DateTimeFormat(style.locale, {
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    ...zone,
  }).format(date);
}

const ORDINAL_SUFFIX: Readonly<Record<string, string>> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** The day of the month of `when` in the reader's time zone, as an English ordinal: `1st`, `22nd`, `13th`. */
export function ordinalDayOfMonth(when: string | Date, style: DateStyle = {}): { day: number; text: string } {
  const zone = style.timeZone ? { timeZone: style.timeZone } : {};
  const day = Number(new Intl.DateTimeFormat('en', { day: 'numeric', ...zone }).format(new Date(when)));
  const suffix = ORDINAL_SUFFIX[new Intl.PluralRules('en', { type: 'ordinal' }).select(day)] ?? 'th';
  return { day, text: `${day}${suffix}` };
}
