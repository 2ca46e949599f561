import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCRouter,
  type inferRouterContext,
} from '@trpc/server';
import { isObservable, observableToAsyncIterable } from '@trpc/server/observable';
import type { TRPCResponseMessage } from '@trpc/server/rpc';
import {
  trpcRequestMessageSchema,
  type TrpcRequestMessage,
  type TrpcResponseMessage,
} from '@shared/ipc/trpc-messages';

export interface TrpcMessageHandlerOptions<TRouter extends AnyTRPCRouter> {
  readonly router: TRouter;
  /** Called once per call, like an HTTP request's context. */
  readonly createContext: () => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  /** Told about every error a procedure throws (and about malformed messages), for logging. */
  readonly onError?: (info: { error: TRPCError; path: string | undefined }) => void;
}

/** One renderer's conversation with the router: its messages in, replies out, its own subscriptions. */
export interface TrpcConnection {
  /** Handles one message from the renderer; anything malformed gets an error reply, never a crash. */
  receive(message: unknown): void;
  /** Stops every subscription of this connection and drops later replies (window closed or reloaded). */
  close(): void;
  /** How many subscriptions are running, for tests and diagnostics. */
  readonly activeSubscriptions: number;
}

export interface TrpcMessageHandler {
  /** Opens a connection whose replies go to `send`. */
  connect(send: (message: TrpcResponseMessage) => void): TrpcConnection;
}

type ProcedureCall = Extract<TrpcRequestMessage, { method: 'query' | 'mutation' | 'subscription' }>;

function idOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Serves a tRPC v11 router over any message transport (Electron IPC in the app, a plain function in tests):
 * queries, mutations and subscriptions (async iterables or observables), with tRPC's error shapes and the
 * router's transformer on both directions.
 */
export function createTrpcMessageHandler<TRouter extends AnyTRPCRouter>(
  opts: TrpcMessageHandlerOptions<TRouter>,
): TrpcMessageHandler {
  const config = opts.router._def._config;

  return {
    connect(send) {
      const subscriptions = new Map<number, AbortController>();
      let closed = false;

      function respond(message: TrpcResponseMessage): void {
        if (closed) return;
        const serialized = transformTRPCResponse(
          config,
          message as TRPCResponseMessage,
        ) as TrpcResponseMessage;
        try {
          send(serialized);
        } catch {
          // The renderer is gone (window destroyed mid-call): nothing can be told any more.
          connection.close();
        }
      }

      function respondWithError(
        id: number | null,
        cause: unknown,
        call: {
          path: string | undefined;
          type: ProcedureCall['method'] | 'unknown';
          input: unknown;
          ctx: unknown;
        },
      ): void {
        const error = getTRPCErrorFromUnknown(cause);
        opts.onError?.({ error, path: call.path });
        const shape = getTRPCErrorShape({ config, error, ...call });
        respond({ id, error: shape });
      }

      async function run(call: ProcedureCall, signal: AbortSignal): Promise<unknown> {
        const ctx = await opts.createContext();
        const input = call.input === undefined ? undefined : config.transformer.input.deserialize(call.input);
        const result = await callTRPCProcedure({
          router: opts.router,
          path: call.path,
          getRawInput: async () => input,
          ctx,
          type: call.method,
          signal,
          batchIndex: 0,
        });
        return { ctx, input, result };
      }

      async function callOnce(call: ProcedureCall): Promise<void> {
        const signal = new AbortController().signal;
        let ctx: unknown;
        let input: unknown;
        try {
          const outcome = (await run(call, signal)) as { ctx: unknown; input: unknown; result: unknown };
          ({ ctx, input } = outcome);
          if (isAsyncIterable(outcome.result) || isObservable(outcome.result)) {
            throw new TRPCError({
              code: 'UNSUPPORTED_MEDIA_TYPE',
              message: `A ${call.method} cannot stream over IPC; make ${call.path} a subscription`,
            });
          }
          respond({ id: call.id, result: { type: 'data', data: outcome.result } });
        } catch (cause) {
          respondWithError(call.id, cause, { path: call.path, type: call.method, input, ctx });
        }
      }

      async function subscribe(call: ProcedureCall): Promise<void> {
        if (subscriptions.has(call.id)) {
          respondWithError(
            call.id,
            new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${call.id}` }),
            {
              path: call.path,
              type: call.method,
              input: undefined,
              ctx: undefined,
            },
          );
          return;
        }
        // Registered before any await, so a stop that arrives while the context is being made still counts.
        const controller = new AbortController();
        subscriptions.set(call.id, controller);
        const { signal } = controller;
        let ctx: unknown;
        let input: unknown;
        try {
          const outcome = (await run(call, signal)) as { ctx: unknown; input: unknown; result: unknown };
          ({ ctx, input } = outcome);
          const { result } = outcome;
          if (!isAsyncIterable(result) && !isObservable(result)) {
            throw new TRPCError({
              code: 'INTERNAL_SERVER_ERROR',
              message: `Subscription ${call.path} did not return an observable or an async iterable`,
            });
          }
          const iterable = isObservable(result) ? observableToAsyncIterable(result, signal) : result;
          const iterator = iterable[Symbol.asyncIterator]();
          if (signal.aborted) {
            void iterator.return?.().catch(() => undefined);
            respond({ id: call.id, result: { type: 'stopped' } });
            return;
          }
          respond({ id: call.id, result: { type: 'started' } });
          const stopped = new Promise<'stopped'>((resolve) => {
            signal.addEventListener('abort', () => resolve('stopped'), { once: true });
          });
          for (;;) {
            const next = await Promise.race([iterator.next(), stopped]);
            if (next === 'stopped') {
              // Not awaited: a generator parked on its own await only returns once that settles; procedures
              // are expected to end on `signal`, which has fired.
              void iterator.return?.().catch(() => undefined);
              break;
            }
            if (next.done) break;
            respond({ id: call.id, result: { type: 'data', data: next.value } });
          }
          respond({ id: call.id, result: { type: 'stopped' } });
        } catch (cause) {
          if (signal.aborted) {
            respond({ id: call.id, result: { type: 'stopped' } });
          } else {
            respondWithError(call.id, cause, { path: call.path, type: call.method, input, ctx });
          }
        } finally {
          controller.abort();
          subscriptions.delete(call.id);
        }
      }

      const connection: TrpcConnection = {
        receive(message) {
          if (closed) return;
          const parsed = trpcRequestMessageSchema.safeParse(message);
          if (!parsed.success) {
            const error = new TRPCError({
              code: 'BAD_REQUEST',
              message: `Malformed IPC message: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`,
            });
            respondWithError(idOf(message), error, {
              path: undefined,
              type: 'unknown',
              input: undefined,
              ctx: undefined,
            });
            return;
          }
          const call = parsed.data;
          if (call.method === 'subscription.stop') {
            subscriptions.get(call.id)?.abort();
            return;
          }
          void (call.method === 'subscription' ? subscribe(call) : callOnce(call));
        },
        close() {
          if (closed) return;
          for (const controller of subscriptions.values()) controller.abort();
          subscriptions.clear();
          closed = true;
        },
        get activeSubscriptions() {
          return subscriptions.size;
        },
      };
      return connection;
    },
  };
}
