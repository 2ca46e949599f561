import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  type DomainError,
  InvalidStateError,
  isDomainError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from './errors';
import { CurrencyMismatchError, InvalidAmountError, NegativeAmountError } from './money/errors';

describe('domain errors', () => {
  it('each kind has a stable code and maps to one edge kind', () => {
    const cases: [DomainError, string, string][] = [
      [new ValidationError('title is too long', 'title'), 'validation', 'validation'],
      [new NotFoundError('no such post'), 'not_found', 'not_found'],
      [new PermissionDeniedError('not your post'), 'permission_denied', 'permission_denied'],
      [new ConflictError('post changed'), 'conflict', 'conflict'],
      [new RateLimitedError('slow down', 30), 'rate_limited', 'rate_limited'],
      [new InvalidStateError('post is deleted'), 'invalid_state', 'invalid_state'],
      [new UnauthenticatedError('wrong password'), 'unauthenticated', 'unauthenticated'],
      [new UnavailableError('no keychain'), 'unavailable', 'unavailable'],
      [new CurrencyMismatchError('USD', 'USDC'), 'currency_mismatch', 'validation'],
      [new InvalidAmountError('malformed', 'bad'), 'invalid_amount', 'validation'],
      [new NegativeAmountError(), 'negative_amount', 'validation'],
    ];
    for (const [err, code, kind] of cases) {
      expect(err).toBeInstanceOf(Error);
      expect(isDomainError(err)).toBe(true);
      expect(err.code).toBe(code);
      expect(err.kind).toBe(kind);
    }
  });

  it('keeps the message, the field and a readable name', () => {
    const err = new ValidationError('title is too long', 'title');
    expect(err.message).toBe('title is too long');
    expect(err.field).toBe('title');
    expect(err.name).toBe('ValidationError');
    expect(String(new NotFoundError('no such post'))).toBe('NotFoundError: no such post');
    expect(new RateLimitedError('slow down', 30).retryAfterSeconds).toBe(30);
    expect(new CurrencyMismatchError('USD', 'MESI')).toBeInstanceOf(ValidationError);
  });

  it('does not take plain errors for domain errors', () => {
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isDomainError('boom')).toBe(false);
  });
});
