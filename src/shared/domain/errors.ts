/**
 * Typed domain errors. Every layer throws these inside; the API edges (server router, studio router) map them to
 * a TRPCError once, by their `kind` (`TRANSPORT_CODE_OF_KIND`), so a new error type only has to declare which
 * kind it is.
 */

/** The handful of outcomes the edges know how to report (BAD_REQUEST, NOT_FOUND, FORBIDDEN, …). */
export type DomainErrorKind =
  | 'validation'
  | 'not_found'
  | 'unauthenticated'
  | 'permission_denied'
  | 'conflict'
  | 'rate_limited'
  | 'invalid_state'
  | 'unavailable';

/**
 * The transport code of each kind: the tRPC code both routers (server and studio) answer with, so a client
 * sees the same code for the same outcome wherever it happened.
 */
export const TRANSPORT_CODE_OF_KIND = {
  validation: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  unauthenticated: 'UNAUTHORIZED',
  permission_denied: 'FORBIDDEN',
  conflict: 'CONFLICT',
  rate_limited: 'TOO_MANY_REQUESTS',
  invalid_state: 'PRECONDITION_FAILED',
  unavailable: 'SERVICE_UNAVAILABLE',
} as const satisfies Record<DomainErrorKind, string>;
export type TransportCode = (typeof TRANSPORT_CODE_OF_KIND)[DomainErrorKind];

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

/** No valid session, or wrong credentials: the caller must sign in (again). */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'unauthenticated';
  readonly kind = 'unauthenticated';
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

/** Something this code depends on cannot be reached or used right now (a server, the OS keychain). */
export class UnavailableError extends DomainError {
  override readonly name: string = 'UnavailableError';
  readonly code: string = 'unavailable';
  readonly kind: DomainErrorKind = 'unavailable';
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
