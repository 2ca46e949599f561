import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '../../../src/routers/index';

/**
 * The server's API, same origin. The session is the HttpOnly `mesi_session` cookie the server sets on sign-in;
 * same-origin fetches carry it, so no token is ever kept in page-readable storage.
 */
export const api = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc', transformer: superjson })],
});
