import { DomainError, type DomainErrorKind } from '@shared/domain/errors';

/**
 * No valid session, or wrong credentials. Reported as UNAUTHORIZED at the edge (by its code); its kind is the
 * nearest shared one so other edges still treat it as a refusal.
 */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'unauthenticated';
  readonly kind: DomainErrorKind = 'permission_denied';
}
