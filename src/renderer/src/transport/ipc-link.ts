import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter, TRPCDataTransformer } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { TrpcRequestMessage, TrpcResponseMessage } from '@shared/ipc/trpc-messages';
import type { MesiStudioBridge } from './bridge';

export interface IpcLinkOptions {
  readonly bridge: MesiStudioBridge;
  /** Must be the router's transformer (superjson). */
  readonly transformer: TRPCDataTransformer;
}

function responseId(message: unknown): number | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as { id?: unknown }).id;
  return typeof id === 'number' ? id : null;
}

/**
 * A terminating tRPC link that sends every call over the preload's single channel (src/main/ipc/ answers):
 * queries, mutations and subscriptions; unsubscribing sends `subscription.stop`.
 */
export function ipcLink<TRouter extends AnyTRPCRouter>(opts: IpcLinkOptions): TRPCLink<TRouter> {
  const { bridge, transformer } = opts;
  const waiting = new Map<number, (message: TrpcResponseMessage) => void>();
  let nextId = 1;
  let removeListener: (() => void) | null = null;

  function listen(): void {
    if (removeListener) return;
    removeListener = bridge.onMessage((message) => {
      const id = responseId(message);
      if (id === null) {
        console.warn('Mesi Studio: a message from the main process had no call id', message);
        return;
      }
      waiting.get(id)?.(message as TrpcResponseMessage);
    });
  }

  return () =>
    ({ op }) =>
      observable((observer) => {
        listen();
        const id = nextId++;
        let finished = false;
        const finish = () => {
          finished = true;
          waiting.delete(id);
        };

        waiting.set(id, (message) => {
          if ('error' in message) {
            finish();
            observer.error(TRPCClientError.from({ error: transformer.deserialize(message.error) }));
            return;
          }
          const { result } = message;
          if (result.type === 'data') {
            const data = transformer.deserialize(result.data);
            observer.next({ result: { type: 'data', data }, context: op.context });
            if (op.type !== 'subscription') {
              finish();
              observer.complete();
            }
          } else if (result.type === 'started') {
            observer.next({ result: { type: 'started' }, context: op.context });
          } else {
            finish();
            observer.complete();
          }
        });

        const request: TrpcRequestMessage = {
          id,
          method: op.type,
          path: op.path,
          input: op.input === undefined ? undefined : transformer.serialize(op.input),
        };
        try {
          bridge.send(request);
        } catch (cause) {
          finish();
          observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))));
        }

        return () => {
          if (finished) return;
          finish();
          if (op.type === 'subscription')
            bridge.send({ id, method: 'subscription.stop' } satisfies TrpcRequestMessage);
        };
      });
}
