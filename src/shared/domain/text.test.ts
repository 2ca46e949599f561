import { describe, expect, it } from 'vitest';
import { findControlCharacter, identifierText, multiLineText, singleLineText } from './text';

describe('findControlCharacter', () => {
  it.each([
    [{ title: 'fine', body: 'tab\tand\nbreaks\r\n' }, null],
    ['a\u0000b', '(input)'],
    [
      { draft: { accessRule: { rules: [{ itemId: 'ok' }, { itemId: 'x\u0007' }] } } },
      'draft.accessRule.rules.1.itemId',
    ],
    [{ ['key\u0000']: 1 }, 'key\u0000'],
    [[1, true, null, 'ok', '\u007f'], '4'],
    [{ count: 3, flag: false }, null],
  ])('%j → %s', (value, path) => {
    expect(findControlCharacter(value)).toBe(path);
  });
});

describe('text schemas', () => {
  it('single-line text refuses line breaks and tabs; multi-line text keeps them; both refuse NUL', () => {
    expect(singleLineText('title', 10).safeParse('a\nb').success).toBe(false);
    expect(singleLineText('title', 10).safeParse('a\tb').success).toBe(false);
    expect(multiLineText('body', 10).safeParse('a\n\tb').success).toBe(true);
    expect(multiLineText('body', 10).safeParse('a\u0000').success).toBe(false);
  });

  it('identifiers are refused, not trimmed, with spaces around them, and never empty', () => {
    const id = identifierText('item id', 8);
    expect(id.parse('gold-1')).toBe('gold-1');
    expect(id.safeParse(' gold').error?.issues[0]?.message).toBe('item id must not start or end with spaces');
    expect(id.safeParse('').error?.issues[0]?.message).toBe('item id must not be empty');
    expect(id.safeParse('a\u0000').error?.issues[0]?.message).toBe(
      'item id must not contain control characters',
    );
    expect(id.safeParse('123456789').success).toBe(false);
  });
});
