import { logFailure } from '../logging/error-log';
/**
 * Fan-out of small events between the parts of the server (and, later, between server instances). The
 * in-process implementation is the default; Redis or NATS will sit behind the same interface.
 */
export interface PubSub {
  publish(channel: string, message: unknown): void;
  /** Calls `listener` for every message published on `channel` from now on; returns an unsubscribe. */
  subscribe(channel: string, listener: (message: unknown) => void): () => void;
  close(): Promise<void>;
}

export class InProcessPubSub implements PubSub {
  readonly #listeners = new Map<string, Set<(message: unknown) => void>>();

  publish(channel: string, message: unknown): void {
    for (const listener of [...(this.#listeners.get(channel) ?? [])]) {
      try {
        listener(message);
      } catch (err) {
        logFailure(`pubsub listener on ${channel}`, err);
      }
    }
  }

  subscribe(channel: string, listener: (message: unknown) => void): () => void {
    let listeners = this.#listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(channel, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#listeners.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.#listeners.clear();
  }
}
