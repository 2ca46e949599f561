import { describe, expect, it } from 'vitest';
import { POST_BODY_MAX } from '@shared/domain/posts/post';
import { charCount } from './char-count';

describe('a field’s character count', () => {
  it('says how much of the limit is used, trimmed as it will be saved', () => {
    expect(charCount('  Hello ', POST_BODY_MAX)).toEqual({
      count: 5,
      max: 20_000,
      over: false,
      text: '5 of 20,000 characters.',
    });
  });

  it('says by how much a pasted megabyte is over, without cutting anything', () => {
    expect(charCount('x'.repeat(1_000_000), POST_BODY_MAX)).toMatchObject({
      count: 1_000_000,
      over: true,
      text: '980,000 characters over the limit of 20,000. Shorten it to save.',
    });
    expect(charCount('x'.repeat(201), 200).text).toBe(
      '1 character over the limit of 200. Shorten it to save.',
    );
  });
});
