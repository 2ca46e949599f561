/**
 * When a scheduled stream starts, in the fan's own time zone and language, with the zone named so a fan abroad
 * knows which clock it is: `Friday 4 December, 18:00 GMT+1`.
 */
export function formatStreamTime(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** How soon a scheduled stream starts, in words: `in 25 minutes`, `in 3 hours`, `in 2 days`, `any moment now`. */
export function startsIn(iso: string, now: number, locale?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const minutes = Math.round((at - now) / 60_000);
  if (minutes < 1) return 'any moment now';
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (minutes < 60) return words.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return words.format(hours, 'hour');
  return words.format(Math.round(hours / 24), 'day');
}

/** A count for people: `1`, `999`, `1,234`, `12.3K`, `1.2M` (viewer counts, reaction counts). */
export function formatCount(count: number, locale = 'en'): string {
  const whole = Math.max(0, Math.floor(count));
  if (whole < 10_000) return new Intl.NumberFormat(locale).format(whole);
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(whole);
}

/** The viewer count as a sentence part: `1 watching`, `1,234 watching`. */
export function viewersLabel(count: number, locale = 'en'): string {
  return `${formatCount(count, locale)} watching`;
}
