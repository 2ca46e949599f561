import { ValidationError } from '@shared/domain/errors';

/** More words than this in a search are ignored: each one is another index lookup. */
const MAX_WORDS = 12;

/**
 * An FTS5 MATCH expression for the creator's words, or null when they hold nothing searchable. User text is
 * never FTS syntax: each whitespace-separated word becomes a quoted string (a `"` inside doubled), so `OR`,
 * `NEAR(`, `*`, `-` or `col:` are just words; FTS's own tokenizer then splits and folds them (case, diacritics)
 * exactly as it did the indexed text. Words are ANDed; the last one matches as a prefix, since the creator is
 * usually still typing it (unless a space follows it).
 */
export function ftsMatchOf(text: string): string | null {
  const stillTyping = !/\s$/.test(text);
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
      return stillTyping && index === words.length - 1 ? `${quoted}*` : quoted;
    })
    .join(' ');
}

/**
 * The FTS5 expression that narrows a search to items tagged `tag` (normalised): a phrase of the tag's words in
 * the `tags` column. It may also match an item whose tags only hold those words side by side (`golden` then
 * `hour`), so the search still checks the tag exactly; null when the tag has no words to search (`!!!`).
 */
export function ftsTagPhraseOf(tag: string): string | null {
  if (!/[\p{L}\p{N}]/u.test(tag)) return null;
  return `tags : "${tag.replaceAll('"', '""')}"`;
}

/** The user's words and the tag's phrase together (both must match), or whichever there is. */
export function ftsBoth(words: string | null, tagPhrase: string | null): string | null {
  if (words !== null && tagPhrase !== null) return `(${words}) AND ${tagPhrase}`;
  return words ?? tagPhrase;
}

/**
 * Where a page ended. Pages found through the search index are in its order (`seq`, the order items were
 * added); the others by creation time, ties by id. Both are newest first.
 */
export type VaultCursor =
  | { readonly by: 'search'; readonly seq: number }
  | { readonly by: 'time'; readonly createdAt: string; readonly id: string };

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEQ = /^[1-9]\d{0,15}$/;

export function encodeCursor(cursor: VaultCursor): string {
  const text = cursor.by === 'search' ? `s|${cursor.seq}` : `t|${cursor.createdAt}|${cursor.id}`;
  return Buffer.from(text).toString('base64url');
}

/** The cursor a previous page gave, parsed strictly: anything else is a ValidationError, never a query. */
export function decodeCursor(text: string): VaultCursor {
  const [by, first, second, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length === 0 && by === 's' && first && second === undefined && SEQ.test(first)) {
    return { by: 'search', seq: Number(first) };
  }
  if (rest.length === 0 && by === 't' && first && second && ISO_TIME.test(first) && UUID.test(second)) {
    return { by: 'time', createdAt: first, id: second };
  }
  throw new ValidationError('cursor is not one this list gave', 'cursor');
}
