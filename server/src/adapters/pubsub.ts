import { logFailure } from '../logging/error-log';
/**
 * Fan-out of small events between the parts of the server and between server instances: in process by
 * default (one instance), Redis when `REDIS_URL` is set (`RedisPubSub`, every instance shares the events).
 *
 * What holds for both, so a feature written against one works on the other:
 * - delivery is at most once and only to subscriptions live when the message is published; nothing is stored
 *   (a message published while Redis is unreachable may be lost): keep the truth in the database and send
 *   notices that make a reader look again (`ChangeFeed` announces a seq, not the change);
 * - messages are JSON data: plain objects, arrays, strings, finite numbers, booleans, null, and bigint
 *   (carried exactly); a Date, a Map or a class instance arrives as JSON makes it (or not at all) over Redis;
 * - listeners must not keep the message and change it: every listener of an instance gets the same object;
 * - a listener that throws is logged and the others still get the message.
 */
export interface PubSub {
  /** Fire and forget: never throws; a message that cannot be sent is logged (and counted, over Redis). */
  publish(channel: string, message: unknown): void;
  /** Calls `listener` for every message published on `channel` from now on; returns an unsubscribe. */
  subscribe(channel: string, listener: (message: unknown) => void): () => void;
  /**
   * Resolves once the subscriptions made so far to `channel` receive what is published from then on (over
   * Redis the SUBSCRIBE is a round trip). Await it between subscribing and reading the state the messages
   * update, so a change made in between is not missed: subscribe, `await pubsub.ready?.(channel)`, then read.
   * While Redis is unreachable it waits for Redis to come back. Optional, so a test double need not have it.
   */
  ready?(channel: string): Promise<void>;
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

  /** In process a subscription is live as soon as `subscribe` returns. */
  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.#listeners.clear();
  }
}
