import { InvalidStateError } from '@shared/domain/errors';

/** Only a record in conflict has two versions to choose from. */
export class NoConflictError extends InvalidStateError {
  constructor(what: string) {
    super(`${what} has no conflict to resolve`);
  }
}
