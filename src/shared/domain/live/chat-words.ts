import { z } from 'zod';

/** How many words a creator may block, and how long each may be. */
export const BLOCKED_WORDS_MAX = 200;
export const BLOCKED_WORD_MAX_LENGTH = 40;

const blockedWordSchema = z
  .string()
  .trim()
  .min(1, 'a blocked word must not be empty')
  .max(BLOCKED_WORD_MAX_LENGTH, `a blocked word is at most ${BLOCKED_WORD_MAX_LENGTH} characters`)
  .refine((word) => !/\s/.test(word), 'a blocked word is one word, without spaces')
  .transform((word) => word.toLowerCase());

/** A creator's blocked words: lower-cased, without repeats, at most 200 of at most 40 characters. */
export const blockedWordsSchema = z
  .array(blockedWordSchema)
  .max(BLOCKED_WORDS_MAX, `at most ${BLOCKED_WORDS_MAX} blocked words`)
  .transform((words) => [...new Set(words)]);

// Letters, digits and marks in any script make up a word; anything else separates words.
const WORD = /[\p{L}\p{N}\p{M}_'-]+/gu;

// Invisible format characters (zero-width space, soft hyphen, word joiner, ...) would split a word
// ("sc\u200Bam") without changing what readers see: they are taken out before matching.
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * The first blocked word `text` contains as a whole word, case-insensitively ("ass" blocks "Ass!" but not
 * "class"), or null, reading past invisible format characters. Blocked messages are refused with the reason rather than masked: the fan can rephrase,
 * and nobody reads a message with holes in it.
 */
export function findBlockedWord(text: string, blocked: ReadonlySet<string>): string | null {
  if (blocked.size === 0) return null;
  for (const match of text.replace(FORMAT_CHARACTERS, '').toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/^['-]+|['-]+$/g, '');
    if (blocked.has(word)) return word;
  }
  return null;
}
