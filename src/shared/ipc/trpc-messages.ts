import { z } from 'zod';

/**
 * The one IPC channel between the renderer and the main process; it carries tRPC calls and nothing else. Shared
 * by the main process (which answers), the preload (which forwards) and the renderer's link (which calls).
 */
export const TRPC_IPC_CHANNEL = 'mesi:trpc';

/**
 * A call from the renderer. `input` is already serialized by the link's transformer (superjson), exactly as it
 * would travel over HTTP; the handler deserializes it with the router's own transformer.
 */
export const trpcRequestMessageSchema = z.discriminatedUnion('method', [
  z.object({
    id: z.number().int().nonnegative(),
    method: z.enum(['query', 'mutation', 'subscription']),
    path: z.string().min(1).max(200),
    input: z.unknown().optional(),
  }),
  z.object({ id: z.number().int().nonnegative(), method: z.literal('subscription.stop') }),
]);
export type TrpcRequestMessage = z.infer<typeof trpcRequestMessageSchema>;

/** tRPC's error shape (`TRPCErrorShape`), as it crosses the channel; declared here so `src/shared` needs no tRPC. */
export interface IpcErrorShape {
  readonly code: number;
  readonly message: string;
  readonly data: unknown;
}

/**
 * A reply from the main process, shaped like tRPC's own WebSocket messages: `data` and `error` are serialized
 * by the router's transformer, `error` is the router's error shape (what TRPCClientError wraps).
 * A query or mutation gets exactly one `data` or `error`; a subscription gets `started`, any number of `data`,
 * then `stopped` (after it ends or is stopped) or one `error`.
 */
export type TrpcResponseMessage =
  | { readonly id: number; readonly result: { readonly type: 'data'; readonly data: unknown } }
  | { readonly id: number; readonly result: { readonly type: 'started' | 'stopped' } }
  | { readonly id: number | null; readonly error: IpcErrorShape };
