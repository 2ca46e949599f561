import { createWSClient, httpBatchLink, splitLink, wsLink, type TRPCLink } from '@trpc/client';
import superjson from 'superjson';
import type { StudioRouter } from '../../../main/studio/router';

/**
 * Browser mode (development and e2e only): the studio router on the page's own origin, HTTP batch for calls
 * and one WebSocket for subscriptions, both carrying the token the studio printed at start.
 */
export function browserModeLinks(origin: string, token: string): TRPCLink<StudioRouter>[] {
  const wsUrl = `${origin.replace(/^http/, 'ws')}/trpc`;
  const ws = createWSClient({ url: wsUrl, connectionParams: () => ({ token }) });
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: wsLink<StudioRouter>({ client: ws, transformer: superjson }),
      false: httpBatchLink<StudioRouter>({
        url: `${origin}/trpc`,
        transformer: superjson,
        headers: () => ({ Authorization: `Bearer ${token}` }),
      }),
    }),
  ];
}
