/** A post's publication date for people: `12 March 2025`, in the reader's locale and time zone. */
export function formatPostDate(iso: string | Date, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...(timeZone ? { timeZone } : {}) }).format(
    date,
  );
}
