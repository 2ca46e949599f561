import { MAX_CALLS_PER_BATCH } from '@shared/domain/api';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink, type TRPCClient } from '@trpc/client';
import WebSocket from 'ws';
import type { AppRouter } from '../../../../server/src/routers/index';

export type ServerClient = TRPCClient<AppRouter>;
export type ServerFetch = typeof fetch;

/** How long one HTTP call to the server may take before it counts as a network failure and is retried. */
const REQUEST_TIMEOUT_MS = 30_000;

/** A typed client of the companion server's `/trpc` over HTTP, with the account's token when there is one. */
export function createServerClient(opts: {
  serverUrl: string;
  token?: string | null;
  fetch?: ServerFetch;
  timeoutMs?: number;
}): ServerClient {
  const timedFetch = withRequestTimeout(opts.fetch ?? fetch, opts.timeoutMs);
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        maxItems: MAX_CALLS_PER_BATCH,
        url: `${trimSlash(opts.serverUrl)}/trpc`,
        fetch: timedFetch,
        headers: () => (opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      }),
    ],
  });
}

/** `fetch` with a deadline: a call that takes longer counts as a network failure and is retried. */
export function withRequestTimeout(baseFetch: ServerFetch, timeoutMs = REQUEST_TIMEOUT_MS): ServerFetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return baseFetch(input, { ...init, signal });
  };
}

/** A live connection to the server's subscriptions; reconnects on its own until closed. */
export function createServerSubscriptions(opts: {
  serverUrl: string;
  token: string;
  retryDelayMs: (attempt: number) => number;
  onOpen: () => void;
  onClose: () => void;
}): { client: ServerClient; close: () => void } {
  const wsClient = createWSClient({
    url: `${trimSlash(opts.serverUrl).replace(/^http/, 'ws')}/trpc`,
    // Node 20 has no global WebSocket; `ws` implements the same interface.
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: { token: opts.token },
    retryDelayMs: opts.retryDelayMs,
    onOpen: opts.onOpen,
    onClose: opts.onClose,
  });
  const client = createTRPCClient<AppRouter>({
    links: [wsLink({ client: wsClient })],
  });
  return { client, close: () => void wsClient.close() };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
