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

/** The id tRPC gave a subscription's messages on its connection (the client's call id) and its JSON-RPC tag. */
export interface SubscriptionFrameId {
  readonly id: number | string;
  readonly jsonrpc: string | undefined;
}

/**
 * Listeners told the subscription id of the frame a shared value goes out in: see `onceWrittenAsData`.
 * A procedure cannot see its subscription's id; the first frame tRPC writes for it tells.
 */
const idListeners = new WeakMap<object, (frameId: SubscriptionFrameId) => void>();

/**
 * Calls `listener` with the subscription's id when tRPC writes `data` (shared with `shareJson`, and this
 * subscription's own: not a batch other subscribers are handed) as a subscription's data frame, just before
 * that frame is sent; at most once. From then on the subscription's later data can be written straight to its
 * socket with `subscriptionDataFrame` (see http/direct-subscription.ts).
 */
export function onceWrittenAsData(data: object, listener: (frameId: SubscriptionFrameId) => void): void {
  idListeners.set(data, listener);
}

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
  const listener = idListeners.get(data as object);
  if (listener) {
    idListeners.delete(data as object);
    listener({ id, jsonrpc });
  }
  return frameOf(data as object, json, { id, jsonrpc }).text;
}

/**
 * The data frame of a subscription for `data` (shared with `shareJson`), as UTF-8 bytes to send as a text
 * frame: the same text tRPC's own frame for it would be. Written once per batch and subscription id, however
 * many sockets it goes to.
 */
export function subscriptionDataFrame(frameId: SubscriptionFrameId, data: object): Buffer {
  const json = sharedJsonOf(data);
  if (json === undefined) throw new Error('subscriptionDataFrame: the data was not shared with shareJson');
  const frame = frameOf(data, json, frameId);
  return (frame.bytes ??= Buffer.from(frame.text));
}

interface Frame {
  readonly text: string;
  bytes?: Buffer;
}

function frameOf(data: object, json: string, { id, jsonrpc }: SubscriptionFrameId): Frame {
  // Subscribers mostly share a subscription id (a client numbers its calls from 1): their frame is one
  // string, built and flattened once, not a new one each (less to collect at 100,000 frames a second).
  const key = jsonrpc === undefined && typeof id === 'number' ? id : JSON.stringify([id, jsonrpc ?? null]);
  let frames = framesOf.get(data);
  const known = frames?.get(key);
  if (known !== undefined) return known;
  const version = jsonrpc === undefined ? '' : `"jsonrpc":${JSON.stringify(jsonrpc)},`;
  const frame = { text: `{"id":${JSON.stringify(id)},${version}"result":{"type":"data","data":${json}}}` };
  if (!frames) framesOf.set(data, (frames = new Map()));
  if (frames.size < FRAMES_KEPT) frames.set(key, frame);
  return frame;
}

/** A shared batch's frames, per subscription id (and JSON-RPC version), while the batch lives. */
const framesOf = new WeakMap<object, Map<string | number, Frame>>();
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
