import { describe, expect, it } from 'vitest';
import { POST_BODY_MAX, POST_TITLE_MAX, postDraftSchema } from './post';

const draft = (title: string, body: string) => ({ title, body, accessRule: { kind: 'public' } });
const messages = (input: unknown) =>
  postDraftSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('post drafts', () => {
  it('accepts ordinary text with line breaks and tabs in the body, trimmed', () => {
    const parsed = postDraftSchema.parse(draft('  Hello  ', 'Line one\nLine two\r\n\tindented'));
    expect(parsed).toMatchObject({ title: 'Hello', body: 'Line one\nLine two\r\n\tindented' });
  });

  it('refuses control characters, which PostgreSQL cannot store (NUL) or a fan cannot read', () => {
    expect(messages(draft('a\u0000b', 'fine'))).toEqual(['title must not contain control characters']);
    expect(messages(draft('Two\nlines', 'fine'))).toEqual(['title must not contain control characters']);
    expect(messages(draft('Fine', 'a\u0000b'))).toEqual(['body must not contain control characters']);
    expect(messages(draft('Fine', 'bell\u0007'))).toEqual(['body must not contain control characters']);
  });

  it('names the limit when a field is too long or the body is empty', () => {
    expect(messages(draft('x'.repeat(POST_TITLE_MAX + 1), 'fine'))).toEqual([
      `title is at most ${POST_TITLE_MAX} characters`,
    ]);
    expect(messages(draft('Fine', 'x'.repeat(POST_BODY_MAX + 1)))).toEqual([
      `body is at most ${POST_BODY_MAX} characters`,
    ]);
    expect(messages(draft('Fine', '   '))).toEqual(['body must not be empty']);
  });
});
