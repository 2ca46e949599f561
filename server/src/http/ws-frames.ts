import type { AnyTRPCRouter } from '@trpc/server';
import type { WSSHandlerOptions } from '@trpc/server/adapters/ws';
import { sharedJsonOf } from '../services/live/chat/shared-json';

/**
 * How tRPC's WebSocket handler turns its messages into frames: JSON text frames, as tRPC's own `jsonEncoder`
 * writes them, so every tRPC client reads them as before. One difference: a subscription's data whose JSON
 * was serialized once already for all its subscribers (`shareJson`, the live fan-out's batches) is embedded
 * as that text instead of being serialized again for each subscriber; the frame is the same text
 * `JSON.stringify` would have written (same keys, same order), the subscription's own id included.
 */
export const sharedJsonEncoder: NonNullable<WSSHandlerOptions<AnyTRPCRouter>['experimental_encoder']> = {
  encode(message: unknown): string {
    const shared = sharedDataFrame(message);
    return shared ?? JSON.stringify(message);
  },
  decode(data: string | ArrayBuffer | Uint8Array): unknown {
    if (typeof data !== 'string') {
      throw new Error('Binary frames are not accepted: tRPC messages are JSON in text frames');
    }
    return JSON.parse(data);
  },
};

/**
 * `{"id":…,"jsonrpc":…,"result":{"type":"data","data":<shared JSON>}}` for a subscription's data message
 * whose data was shared, or null for any other message (written by `JSON.stringify`).
 */
function sharedDataFrame(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const { result } = message as { result?: unknown };
  if (typeof result !== 'object' || result === null) return null;
  const { type, data } = result as { type?: unknown; data?: unknown };
  const json = type === 'data' ? sharedJsonOf(data) : undefined;
  if (json === undefined) return null;
  // Only the envelope tRPC writes for an untracked subscription's data; anything else goes the usual way.
  if (!hasExactKeys(result, ['type', 'data'])) return null;
  const { id, jsonrpc } = message as { id?: unknown; jsonrpc?: unknown };
  if (!hasExactKeys(message, ['id', 'jsonrpc', 'result'])) return null;
  if (!(typeof id === 'number' || typeof id === 'string')) return null;
  if (!(jsonrpc === undefined || typeof jsonrpc === 'string')) return null;
  // Subscribers mostly share a subscription id (a client numbers its calls from 1): their frame is one
  // string, built and flattened once, not a new one each (less to collect at 100,000 frames a second).
  const key = jsonrpc === undefined && typeof id === 'number' ? id : JSON.stringify([id, jsonrpc ?? null]);
  let frames = framesOf.get(data as object);
  const known = frames?.get(key);
  if (known !== undefined) return known;
  const version = jsonrpc === undefined ? '' : `"jsonrpc":${JSON.stringify(jsonrpc)},`;
  const frame = `{"id":${JSON.stringify(id)},${version}"result":{"type":"data","data":${json}}}`;
  if (!frames) framesOf.set(data as object, (frames = new Map()));
  if (frames.size < FRAMES_KEPT) frames.set(key, frame);
  return frame;
}

/** A shared batch's frames, per subscription id (and JSON-RPC version), while the batch lives. */
const framesOf = new WeakMap<object, Map<string | number, string>>();
/** The most ids a batch's frames are kept for (a few are common; past those, each is built as it comes). */
const FRAMES_KEPT = 8;

/** Whether `value`'s own enumerable keys are exactly `keys` in that order, those left undefined aside. */
function hasExactKeys(value: object, keys: readonly string[]): boolean {
  let at = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if ((value as Record<string, unknown>)[key] === undefined) continue;
    while (at < keys.length && keys[at] !== key) at++;
    if (at === keys.length) return false;
    at++;
  }
  return true;
}
