import { describe, expect, it } from 'vitest';
import { shouldRetry } from './query-client';

const trpcError = (code: string) => Object.assign(new Error(code), { data: { code } });

describe('shouldRetry', () => {
  it('asks again, twice at most, when the server could not be reached or failed', () => {
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, trpcError('INTERNAL_SERVER_ERROR'))).toBe(true);
    expect(shouldRetry(2, new TypeError('Failed to fetch'))).toBe(false);
  });

  it('does not ask again when the server refused: an unknown creator stays unknown', () => {
    for (const code of ['NOT_FOUND', 'BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'TOO_MANY_REQUESTS']) {
      expect(shouldRetry(0, trpcError(code)), code).toBe(false);
    }
  });
});
