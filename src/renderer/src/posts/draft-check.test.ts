import { describe, expect, it } from 'vitest';
import { EMPTY_PICKER } from './access-picker';
import { checkDraft } from './draft-check';

describe('checking a draft before it is sent', () => {
  it('gives a valid PostDraft with the picked rule', () => {
    expect(
      checkDraft({ title: ' Hello ', body: 'Body text', access: { ...EMPTY_PICKER, mode: 'follower' } }),
    ).toEqual({
      ok: true,
      draft: { title: 'Hello', body: 'Body text', accessRule: { kind: 'follower' } },
    });
  });

  it('names every wrong field at once', () => {
    const result = checkDraft({
      title: 'x'.repeat(201),
      body: '   ',
      access: { ...EMPTY_PICKER, mode: 'expression', expression: 'tipped(' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toBe('Title is at most 200 characters.');
    expect(result.errors.body).toBe('Body must not be empty.');
    expect(result.errors.access).toMatch(/^Expression: /);
  });

  it('refuses an empty title instead of saving an "Untitled" post', () => {
    const result = checkDraft({ title: '   ', body: 'Body text', access: EMPTY_PICKER });
    expect(result).toEqual({ ok: false, errors: { title: 'Title must not be empty.' } });
  });

  it('refuses a body over the limit, however long, rather than cutting it', () => {
    const result = checkDraft({ title: 'Long', body: 'x'.repeat(1_000_000), access: EMPTY_PICKER });
    expect(result).toEqual({ ok: false, errors: { body: 'Body is at most 20000 characters.' } });
  });
});
