/**
 * CSV as RFC 4180 writes it, safe to open in a spreadsheet: what the studio's exports are made of.
 */

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list): `=`, `+`, `-`,
 * `@`, and tab and carriage return, which some spreadsheets skip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): a cell a spreadsheet would run as a formula is prefixed with `'`; a cell holding a
 * comma, a double quote, CR or LF is quoted, its quotes doubled.
 */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text: cells joined by commas, every line ended by CRLF (RFC 4180). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
