import {
  DomainError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  type DomainErrorKind,
} from '@shared/domain/errors';

/** No account is signed in: the creator must sign in first. */
export class NoActiveAccountError extends InvalidStateError {
  constructor() {
    super('No account is signed in: sign in to a server first');
  }
}

/** This account is not signed in to this studio. */
export class UnknownAccountError extends NotFoundError {
  constructor(readonly accountId: string) {
    super(`Account ${accountId} is not signed in to this studio`);
  }
}

/** Fans cannot use the studio: it is for creators and the managers who work for them. */
export class NotCreatorError extends PermissionDeniedError {
  constructor() {
    super('This account is a fan account: the studio is for creator and studio manager accounts');
  }
}

/** The server's answer to a refused sign-in, as the studio reports it: the same kind of refusal. */
const KIND_OF_SERVER_CODE: Readonly<Record<string, DomainErrorKind>> = {
  BAD_REQUEST: 'validation',
  UNAUTHORIZED: 'unauthenticated',
  FORBIDDEN: 'permission_denied',
  TOO_MANY_REQUESTS: 'rate_limited',
  NOT_FOUND: 'not_found',
};

/**
 * The server refused or could not answer the sign-in. `serverCode` is the server's tRPC code when it answered;
 * an unreachable or failing server is `unavailable`.
 */
export class SignInFailedError extends DomainError {
  override readonly name = 'SignInFailedError';
  readonly code = 'sign_in_failed';
  readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly serverCode: string | null,
  ) {
    super(message);
    this.kind = (serverCode ? KIND_OF_SERVER_CODE[serverCode] : undefined) ?? 'unavailable';
  }
}
