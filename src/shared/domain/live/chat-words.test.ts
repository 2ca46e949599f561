import { describe, expect, it } from 'vitest';
import { BLOCKED_WORDS_MAX, blockedWordsSchema, findBlockedWord } from './chat-words';

const blocked = (...words: string[]) => new Set(blockedWordsSchema.parse(words));

describe('blocked words', () => {
  it('match whole words whatever their case, not parts of other words', () => {
    const words = blocked('Spam', 'ass');
    expect(findBlockedWord('buy SPAM now', words)).toBe('spam');
    expect(findBlockedWord('what an ass!', words)).toBe('ass');
    expect(findBlockedWord('a classy passage', words)).toBeNull();
    expect(findBlockedWord('spammer', words)).toBeNull();
    expect(findBlockedWord("'spam'", words)).toBe('spam');
  });

  it('are found when invisible format characters split them', () => {
    const words = blocked('scam');
    for (const text of ['sc\u200Bam', 'sc\u00ADam', 'sc\u2060am', 'S\uFEFFCAM now', 'sc\u200Dam']) {
      expect(findBlockedWord(text, words)).toBe('scam');
    }
  });

  it('match words in any script', () => {
    expect(findBlockedWord('ça suffit, ÉTÉ', blocked('été'))).toBe('été');
  });

  it('are at most 200 words of at most 40 characters, lower-cased without repeats', () => {
    expect(blockedWordsSchema.parse(['Spam', 'spam', ' Eggs '])).toEqual(['spam', 'eggs']);
    const tooMany = Array.from({ length: BLOCKED_WORDS_MAX + 1 }, (_, i) => `w${i}`);
    expect(blockedWordsSchema.safeParse(tooMany).error?.issues[0]?.message).toBe('at most 200 blocked words');
    expect(blockedWordsSchema.safeParse(['x'.repeat(41)]).error?.issues[0]?.message).toBe(
      'a blocked word is at most 40 characters',
    );
    expect(blockedWordsSchema.safeParse(['two words']).error?.issues[0]?.message).toBe(
      'a blocked word is one word, without spaces',
    );
  });
});
