import { TRPCClientError } from '@trpc/client';

export const SESSION_EXPIRED = 'Session expired — sign in again';

/** The server no longer accepts this account's token: retrying cannot help, the creator must sign in. */
export function isUnauthorized(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { code?: string; httpStatus?: number } | undefined;
  return data?.code === 'UNAUTHORIZED' || data?.httpStatus === 401;
}

/** The server refused the request itself as malformed (a mutation its validation rejects): a retry gets the same. */
export function isBadRequest(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { code?: string } | undefined;
  return data?.code === 'BAD_REQUEST';
}

/** The server answered, with a failure of its own (5xx): retrying later may help, and other requests may pass. */
export function isServerFailure(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { httpStatus?: number } | undefined;
  return (data?.httpStatus ?? 0) >= 500;
}

/** A sentence for the status bar about why the last sync failed. */
export function describeSyncError(error: unknown): string {
  if (isUnauthorized(error)) return SESSION_EXPIRED;
  if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: number } | undefined;
    if (!data)
      return `Server unreachable (${error.cause instanceof Error ? error.cause.message : error.message})`;
    if ((data.httpStatus ?? 0) >= 500) return `The server had a problem (${error.message}); retrying`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
