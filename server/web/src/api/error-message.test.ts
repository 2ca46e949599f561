import { describe, expect, it } from 'vitest';
import { describeError, describeFailure, failedCallOf } from './error-message';

// The shape of a TRPCClientError as the client throws it: the code sits in `data`.
const trpcError = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe('describeError', () => {
  it("shows the server's field message for bad input", () => {
    expect(describeError(trpcError('BAD_REQUEST', 'email: Invalid email address'))).toBe(
      'email: Invalid email address',
    );
  });

  it('puts each field message of a refused form on its own line', () => {
    expect(
      describeError(
        trpcError(
          'BAD_REQUEST',
          'email: Invalid email address; password: password must be at least 10 characters',
        ),
      ),
    ).toBe('email: Invalid email address\npassword: password must be at least 10 characters');
  });

  it("shows the server's words for a wrong password or a taken handle", () => {
    expect(describeError(trpcError('UNAUTHORIZED', 'Wrong email or password'))).toBe(
      'Wrong email or password',
    );
    expect(describeError(trpcError('CONFLICT', 'That handle is taken'))).toBe('That handle is taken');
  });

  it('asks the person to wait when they tried too often', () => {
    expect(describeError(trpcError('TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS'))).toMatch(/wait/i);
    expect(describeError(trpcError('TOO_MANY_REQUESTS', ''))).toMatch(/wait/i);
    expect(describeError(trpcError('TOO_MANY_REQUESTS', 'Too many attempts, try again in 5 minutes'))).toBe(
      'Too many attempts, try again in 5 minutes',
    );
  });

  it('says the server cannot be reached when there was no answer', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toMatch(/can't be reached/);
  });

  it('never shows internal error text', () => {
    expect(describeError(trpcError('INTERNAL_SERVER_ERROR', 'relation "posts" does not exist'))).toBe(
      'Something went wrong on our side. Please try again in a moment.',
    );
  });

  it('falls back to a plain sentence when the server sent no message', () => {
    expect(describeFailure({ code: 'FORBIDDEN' })).toMatch(/access/);
  });
});

describe('failedCallOf', () => {
  it('reads code and message, and tolerates anything thrown', () => {
    expect(failedCallOf(trpcError('NOT_FOUND', 'No creator @zed'))).toEqual({
      code: 'NOT_FOUND',
      message: 'No creator @zed',
    });
    expect(failedCallOf('boom')).toEqual({});
    expect(failedCallOf(null)).toEqual({});
  });
});
