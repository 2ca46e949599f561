import { describe, expect, it } from 'vitest';
import { formatPostDate } from './post-date';

describe('formatPostDate', () => {
  it("writes the day a post was published in the reader's language and time zone", () => {
    expect(formatPostDate('2025-03-12T10:00:00.000Z', 'en-GB', 'UTC')).toBe('12 March 2025');
    expect(formatPostDate('2025-03-12T23:30:00.000Z', 'en-US', 'Asia/Tokyo')).toBe('March 13, 2025');
  });

  it('writes nothing for a date it cannot read', () => {
    expect(formatPostDate('not a date', 'en-GB', 'UTC')).toBe('');
  });
});
