import { TRPCClientError } from '@trpc/client';
import { FeedRequestError } from './feed-client';

export const SESSION_EXPIRED = 'Session expired — sign in again';

interface ServerAnswer {
  readonly code?: string;
  readonly httpStatus?: number;
}

/**
 * A failed call to the server, through tRPC or the feed route: `answer` is what the server said, null when it
 * could not be reached at all.
 */
function failedCall(error: unknown): { answer: ServerAnswer | null; reason: string } | null {
  if (error instanceof TRPCClientError) {
    const answer = (error.data as ServerAnswer | undefined) ?? null;
    return {
      answer,
      reason: answer || !(error.cause instanceof Error) ? error.message : error.cause.message,
    };
  }
  if (error instanceof FeedRequestError) return { answer: error.data ?? null, reason: error.message };
  return null;
}

/** The server no longer accepts this account's token: retrying cannot help, the creator must sign in. */
export function isUnauthorized(error: unknown): boolean {
  const answer = failedCall(error)?.answer;
  return answer?.code === 'UNAUTHORIZED' || answer?.httpStatus === 401;
}

/** The server refused the request itself as malformed (a mutation its validation rejects): a retry gets the same. */
export function isBadRequest(error: unknown): boolean {
  return failedCall(error)?.answer?.code === 'BAD_REQUEST';
}

/** The server answered, with a failure of its own (5xx): retrying later may help, and other requests may pass. */
export function isServerFailure(error: unknown): boolean {
  return (failedCall(error)?.answer?.httpStatus ?? 0) >= 500;
}

/** A sentence for the status bar about why the last sync failed. */
export function describeSyncError(error: unknown): string {
  if (isUnauthorized(error)) return SESSION_EXPIRED;
  const call = failedCall(error);
  if (call) {
    if (!call.answer) return `Server unreachable (${call.reason})`;
    if ((call.answer.httpStatus ?? 0) >= 500) return `The server had a problem (${call.reason}); retrying`;
    return call.reason;
  }
  return error instanceof Error ? error.message : String(error);
}
