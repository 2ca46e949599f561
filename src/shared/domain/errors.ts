/**
 * Typed domain errors. Every layer throws these inside; the API edges (server router, studio router) map them to
 * a TRPCError once, through `domainErrorKind`, so a new error type only has to declare which kind it is.
 */

/** The handful of outcomes the edges know how to report (BAD_REQUEST, NOT_FOUND, FORBIDDEN, …). */
export type DomainErrorKind =
  'validation' | 'not_found' | 'permission_denied' | 'conflict' | 'rate_limited' | 'invalid_state';

export abstract class DomainError extends Error {
  /** A stable, machine-readable code; clients may switch on it, so never rename one. */
  abstract readonly code: string;
  /** How the edges report it. */
  abstract readonly kind: DomainErrorKind;
}

/** Input broke a rule; `field` names the offending input field when there is one. */
export class ValidationError extends DomainError {
  override readonly name: string = 'ValidationError';
  readonly code: string = 'validation';
  readonly kind: DomainErrorKind = 'validation';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
  readonly kind = 'not_found';
}

export class PermissionDeniedError extends DomainError {
  override readonly name = 'PermissionDeniedError';
  readonly code = 'permission_denied';
  readonly kind = 'permission_denied';
}

/** The thing changed underneath the caller (a stale version, a taken handle, a duplicate key). */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly code = 'conflict';
  readonly kind = 'conflict';
}

export class RateLimitedError extends DomainError {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited';
  readonly kind = 'rate_limited';
  constructor(
    message: string,
    /** When the caller may try again, if known. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The action is not allowed in the thing's current state (publishing a deleted post, bidding on a closed slot). */
export class InvalidStateError extends DomainError {
  override readonly name = 'InvalidStateError';
  readonly code = 'invalid_state';
  readonly kind = 'invalid_state';
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}

/** The kind the edge maps to a transport error code; money errors count as validation. */
export function domainErrorKind(err: DomainError): DomainErrorKind {
  return err.kind;
}
