import { shareJsonOfItems } from '../services/live/chat/shared-json';
import { onceWrittenAsData, subscriptionDataFrame } from './ws-frames';

/** A WebSocket connection a subscription's frames can be written to (the tRPC context's `connection`). */
export interface FrameSocket {
  /** Sends a text frame (UTF-8 bytes) if the socket is still open; drops it otherwise, as tRPC does. */
  sendText(frame: Buffer): void;
}

/** A source of batches that can hand its later batches to a writer instead of its reader. */
export interface HandsOverBatches<T> {
  writeDirectly(write: (batch: T[]) => void): void;
}

/**
 * A subscription's batches through tRPC until tRPC has written the first one, then straight to the socket.
 *
 * Why: the live fan-out sends each batch to thousands of subscribers, and tRPC's WebSocket handler spends per
 * subscriber and batch about as much as the socket write itself (profiled at 5,000 subscribers and 20 batches a
 * second: its async iteration, `Promise.race` against the abort signal and response shaping were a quarter of
 * the server's time, and most of the garbage). The frames written directly are the ones tRPC would write (the
 * same text, the subscription's own id: see `subscriptionDataFrame`), so any tRPC client reads them as before.
 *
 * tRPC still owns the subscription's life: it has written `started` before the first batch, and it writes the
 * end (`stopped`, or the error the source throws) after the source ends; the source writes nothing once it is
 * closed (the abort signal closes it at once), so no frame comes after the end. A batch of a subscriber's own
 * (a copy) is offered for the id, since the shared batches go to many subscriptions at once.
 */
export async function* handingOverToSocket<T extends object>(
  socket: FrameSocket,
  source: HandsOverBatches<T>,
  batches: AsyncGenerator<T[]>,
): AsyncGenerator<T[]> {
  // Once handed over, the source yields nothing more: every batch it yields is offered (in practice the first).
  for await (const batch of batches) {
    const own = shareJsonOfItems([...batch]);
    onceWrittenAsData(own, (frameId) => {
      source.writeDirectly((later) =>
        socket.sendText(subscriptionDataFrame(frameId, shareJsonOfItems(later))),
      );
    });
    yield own;
  }
}
