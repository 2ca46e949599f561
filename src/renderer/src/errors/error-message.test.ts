import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';

const trpcError = (code: string, message: string) => ({ message, data: { code } });

describe('error messages a creator can act on', () => {
  it('passes the studio’s own words through', () => {
    expect(errorMessage(trpcError('FORBIDDEN', 'Only creator and manager accounts can use the studio'))).toBe(
      'Only creator and manager accounts can use the studio',
    );
    expect(errorMessage(trpcError('UNAUTHORIZED', 'Wrong email or password'))).toBe(
      'Wrong email or password',
    );
  });

  it('shows the server’s words for too many sign-ins as they are, not a generic "too many attempts"', () => {
    const words = 'Too many failed sign-ins; try again in 2 minutes';
    expect(errorMessage(trpcError('TOO_MANY_REQUESTS', words))).toBe(words);
  });

  it('shows the words a router put invalid input in, as they are', () => {
    const words = 'draft.title: title is at most 200 characters';
    expect(errorMessage(trpcError('BAD_REQUEST', words))).toBe(words);
  });

  it('explains codes that came without a message', () => {
    expect(errorMessage(trpcError('TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS'))).toMatch(/Too many attempts/);
    expect(errorMessage(trpcError('INTERNAL_SERVER_ERROR', 'Internal server error'))).toMatch(
      /unexpected problem/,
    );
  });

  it('says the studio is unreachable when the call never arrived', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/not reachable/);
    expect(errorMessage(null)).toBe('Something went wrong. Try again.');
  });
});
