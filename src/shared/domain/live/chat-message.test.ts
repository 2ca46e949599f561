import { describe, expect, it } from 'vitest';
import { CHAT_MESSAGE_MAX, chatTextProblem, chatTextSchema } from './chat-message';

const refusal = (input: unknown) => chatTextSchema.safeParse(input).error?.issues.map((i) => i.message);

describe('a chat message', () => {
  it('is trimmed text of 1 to 300 characters, kept as typed', () => {
    expect(chatTextSchema.parse('  hello  ')).toBe('hello');
    expect(chatTextSchema.parse('x'.repeat(CHAT_MESSAGE_MAX))).toHaveLength(CHAT_MESSAGE_MAX);
    expect(chatTextSchema.parse('<script>alert(1)</script> & <b>')).toBe('<script>alert(1)</script> & <b>');
  });

  it('refuses an empty message, one past 300 characters, and a 10 KB paste in words', () => {
    expect(refusal('   ')).toEqual(['a chat message must not be empty']);
    expect(refusal('x'.repeat(CHAT_MESSAGE_MAX + 1))).toEqual(['a chat message is at most 300 characters']);
    expect(refusal('x'.repeat(10 * 1024))).toEqual(['a chat message is at most 300 characters']);
  });

  it('refuses line breaks and control characters', () => {
    for (const text of ['one\ntwo', 'tab\there', 'bell\u0007', 'nul\u0000', 'sep\u2028x', 'c1\u0085']) {
      expect(refusal(text)).toEqual(['a chat message must be one line, without control characters']);
    }
  });

  it('refuses bidi overrides and isolates, which disguise what was written', () => {
    for (const text of ['\u202Egnp.exe', '\u2066hidden\u2069', 'a\u202Ab', 'x\u2067y']) {
      expect(refusal(text)).toEqual(['a chat message must not contain text direction controls']);
    }
  });

  it('refuses a message that is nothing but invisible characters, and keeps one with text around them', () => {
    for (const text of ['\u200B\u200B\u200B', '\u00AD', '\u2060 \uFEFF']) {
      expect(refusal(text)).toEqual(['a chat message must have visible text']);
    }
    expect(chatTextSchema.parse('hi\u200Bthere')).toBe('hi\u200Bthere');
    expect(chatTextProblem('hello 👋🏽')).toBeNull();
  });

  it('refuses what is not text', () => {
    expect(refusal(42)).toEqual(['a chat message must be text']);
  });
});
