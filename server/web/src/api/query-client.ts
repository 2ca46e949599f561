import { QueryClient } from '@tanstack/react-query';
import { failedCallOf } from './error-message';

// Answers that asking again would not change: the server understood the call and said no.
const REFUSALS = new Set([
  'BAD_REQUEST',
  'PARSE_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_SUPPORTED',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNPROCESSABLE_CONTENT',
  'TOO_MANY_REQUESTS',
]);

/** Tries a failed query twice more when the server could not be reached or failed, never when it refused. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const { code } = failedCallOf(error);
  if (code !== undefined && REFUSALS.has(code)) return false;
  return failureCount < 2;
}

/** The app's one query cache. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A page read a moment ago is shown again at once and refreshed in the background after this.
        staleTime: 30_000,
        retry: shouldRetry,
      },
      mutations: { retry: false },
    },
  });
}
