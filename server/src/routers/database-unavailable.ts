import { TRPCError } from '@trpc/server';
import { isDatabaseUnavailable, DATABASE_UNAVAILABLE_MESSAGE } from '../db/postgres-errors';

/**
 * Throws SERVICE_UNAVAILABLE (503, "try again") when `cause` is the database being busy or cut off, so that a
 * fault of the database is not reported as a fault of the request (500); returns for anything else.
 */
export function throwIfDatabaseUnavailable(cause: unknown): void {
  if (isDatabaseUnavailable(cause)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause });
  }
}
