import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { MAX_CALLS_PER_BATCH } from '@shared/domain/api';
import type { AppRouter } from '../../../src/routers/index';

/**
 * The server's API as TanStack Query options: `useTRPC()` gives `queryOptions`, `infiniteQueryOptions`,
 * `mutationOptions` and the query keys and filters of each procedure.
 */
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * The client behind those options, same origin. The session is the HttpOnly `mesi_session` cookie the server
 * sets on sign-in; same-origin fetches carry it, so no token is ever kept in page-readable storage.
 */
export function createApiClient(): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: '/trpc', maxItems: MAX_CALLS_PER_BATCH })],
  });
}
