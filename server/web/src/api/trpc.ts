import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCClient,
} from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { MAX_CALLS_PER_BATCH } from '@shared/domain/api';
import type { AppRouter } from '../../../src/routers/index';

/**
 * The server's API as TanStack Query options: `useTRPC()` gives `queryOptions`, `infiniteQueryOptions`,
 * `mutationOptions`, `subscriptionOptions` and the query keys and filters of each procedure;
 * `useTRPCClient()` the client itself, for a mutation that picks its procedure when called.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * The client behind those options, same origin. The session is the HttpOnly `mesi_session` cookie the server
 * sets on sign-in; same-origin fetches carry it, and so does the WebSocket upgrade, so no token is ever kept in
 * page-readable storage. Queries and mutations go over HTTP in batches; subscriptions (a live stream's chat and
 * events) over one WebSocket to `/trpc`, opened only while a subscription runs and closed as soon as none does:
 * the socket carries the session it was opened with, so a fan who signs in or out gets a fresh one on the next
 * subscription. When the socket drops (the server restarts, the network blinks) the client opens it again with
 * backoff and sends the running subscriptions again.
 */
export function createApiClient(): TRPCClient<AppRouter> {
  const ws = createWSClient({
    url: () => webSocketUrl(window.location.href),
    lazy: { enabled: true, closeMs: 0 },
    retryDelayMs: socketRetryDelay,
    // A socket dead without a close (a laptop waking, a proxy dropping it silently) is noticed within seconds.
    keepAlive: { enabled: true, intervalMs: 10_000, pongTimeoutMs: 5_000 },
  });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink<AppRouter>({ client: ws }),
        false: httpBatchLink({ url: '/trpc', maxItems: MAX_CALLS_PER_BATCH }),
      }),
    ],
  });
}

/** `/trpc` on the page's own origin, as a WebSocket address (`wss:` under https). */
export function webSocketUrl(pageUrl: string): string {
  const url = new URL('/trpc', pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Waits before the socket's reconnection `attempt`: at once, then 1, 2, 4 s… up to 10 s. */
export function socketRetryDelay(attempt: number): number {
  return attempt === 0 ? 0 : Math.min(1_000 * 2 ** (attempt - 1), 10_000);
}
