import { ValidationError } from '@shared/domain/errors';

/** More words than this in a search are ignored: each one is another index lookup. */
const MAX_WORDS = 12;

/**
 * An FTS5 MATCH expression for the creator's words, or null when they hold nothing searchable. User text is
 * never FTS syntax: each whitespace-separated word becomes a quoted string (a `"` inside doubled), so `OR`,
 * `NEAR(`, `*`, `-` or `col:` are just words; FTS's own tokenizer then splits and folds them (case, diacritics)
 * exactly as it did the indexed text. Words are ANDed; the last one matches as a prefix, since the creator is
 * usually still typing it.
 */
export function ftsMatchOf(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/\s+/)
    // A word of punctuation alone would be an empty phrase: it matches nothing and would empty every search.
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  return words
    .map((word, index) => {
      const quoted = `"${word.replaceAll('"', '""')}"`;
      return index === words.length - 1 ? `${quoted}*` : quoted;
    })
    .join(' ');
}

/** Where a page ended: the last item's creation time and id (pages are newest first, ties by id). */
export interface VaultCursor {
  readonly createdAt: string;
  readonly id: string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: VaultCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

/** The cursor a previous page gave, parsed strictly: anything else is a ValidationError, never a query. */
export function decodeCursor(text: string): VaultCursor {
  const [createdAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !createdAt || !id || !ISO_TIME.test(createdAt) || !UUID.test(id)) {
    throw new ValidationError('cursor is not one this list gave', 'cursor');
  }
  return { createdAt, id };
}
