import {
  isLiveEvent,
  MODERATOR_ONLY_EVENTS,
  streamEventsChannel,
  type LiveEvent,
} from '@shared/domain/live/live-events';
import { DomainError, RateLimitedError } from '@shared/domain/errors';
import type { PubSub } from '../../../adapters/pubsub';
import { shareJsonOfItems } from './shared-json';

/** How the hub batches and bounds what it holds for each subscriber. */
export interface FanoutLimits {
  /**
   * Events are handed over in batches, at most this often per stream (cuts the per-message cost). The first
   * event after a quiet spell of `batchMs` goes out at once (within a millisecond, with whatever came in the
   * same turn), the next ones when `batchMs` passed since: a quiet chat is not delayed, a busy one batched.
   */
  readonly batchMs: number;
  /** A stream's batch goes out at once when this many events piled up before `batchMs` passed. */
  readonly batchMax: number;
  /** The most events held for one subscriber; past it the backlog is dropped and the subscriber told. */
  readonly maxQueue: number;
  /** Dropped backlogs in a row (without catching up in between) after which a subscriber is cut. */
  readonly maxOverflows: number;
  /** Bytes waiting in a subscriber's socket past which it counts as not reading (nothing more is sent). */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_FANOUT_LIMITS: FanoutLimits = {
  batchMs: 50,
  batchMax: 200,
  maxQueue: 1000,
  maxOverflows: 3,
  maxBufferedBytes: 1024 * 1024,
};

/**
 * How many subscriptions one holder (an account, or an anonymous connection) may keep open on this instance:
 * a viewer needs one per tab, so a few per stream and some more in all; thousands would only cost memory.
 */
export interface SubscriberCaps {
  readonly perStream: number;
  readonly total: number;
}

export const DEFAULT_SUBSCRIBER_CAPS: SubscriberCaps = { perStream: 5, total: 20 };

/** Who holds a subscription: an account id, an anonymous viewer's connection, or nobody known (not capped). */
export type SubscriptionHolder = string | object | null;

export interface SubscribeOptions {
  /** The creator or a moderator: also receives moderation events. */
  readonly moderator: boolean;
  /** Whose subscription this is, for the caps on how many one holder keeps open. */
  readonly holder?: SubscriptionHolder;
  /** Bytes written to this subscriber's connection that it has not read yet (WebSocket `bufferedAmount`). */
  readonly bufferedBytes?: () => number;
}

/**
 * A subscriber cut for falling behind again and again: its subscription ends with this error (answered as
 * TOO_MANY_REQUESTS: more came than it could take; not a server fault, so not logged).
 */
export class SubscriberTooSlowError extends DomainError {
  override readonly name = 'SubscriberTooSlowError';
  readonly code = 'subscriber_too_slow';
  readonly kind = 'rate_limited';
  constructor() {
    super('This connection fell too far behind the live events and was cut; reconnect to follow again');
  }
}

/**
 * One viewer's live events: a bounded queue filled by the hub and read as batches. It never holds more than
 * `maxQueue` events: past that, the backlog is dropped and the next batch starts with `missed` (how many were
 * dropped); a subscriber that overflows `maxOverflows` times without catching up is cut.
 */
export class LiveSubscription {
  #queue: LiveEvent[] = [];
  #missed = 0;
  #overflows = 0;
  #due = false;
  #ended = false;
  #failure: Error | null = null;
  #wake: (() => void) | null = null;
  /** Set by `writeDirectly`: where batches go instead of to the reader of `batches()`. */
  #write: ((batch: LiveEvent[]) => void) | null = null;

  /**
   * `sharedBatch`: the stream's last batch as every subscriber of this role that kept up got it, serialized
   * once for all of them (see `#take`); null when there is none.
   */
  constructor(
    readonly streamId: string,
    private readonly options: SubscribeOptions,
    private readonly limits: FanoutLimits,
    private readonly onClose: (subscription: LiveSubscription) => void,
    private readonly sharedBatch: (moderator: boolean) => LiveEvent[] | null = () => null,
  ) {}

  /** How many events wait for this subscriber now (tests and figures). */
  get queued(): number {
    return this.#queue.length;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Queues an event (moderation only for moderators), dropping the backlog when it is full. */
  push(event: LiveEvent): void {
    if (this.#ended) return;
    if (!this.options.moderator && MODERATOR_ONLY_EVENTS.has(event.type)) return;
    if (this.#queue.length >= this.limits.maxQueue) {
      this.#missed += this.#queue.length + 1;
      this.#queue = [];
      this.#overflows += 1;
      if (this.#overflows > this.limits.maxOverflows) this.#fail(new SubscriberTooSlowError());
      return;
    }
    this.#queue.push(event);
  }

  /** Hands this subscriber alone an event at once (its first viewer count). */
  greet(event: LiveEvent): void {
    this.push(event);
    this.flush();
  }

  /** The hub's batch time came: hand what is queued to a waiting reader (or the writer), if it keeps up. */
  flush(): void {
    if (this.#queue.length === 0 && this.#missed === 0) return;
    this.#due = true;
    if (this.#write === null) {
      this.#wake?.();
      return;
    }
    const batch = this.#take();
    if (batch) this.#write(batch);
  }

  /**
   * From now on, batches go to `write` as they fall due, instead of to the reader of `batches()` (which then
   * only waits for the end, or throws why it was cut). The transport uses it to skip its per-batch work once
   * it knows how to write this subscriber's frames itself (http/direct-subscription.ts). What is due already
   * goes after the current turn (the transport may be writing the reader's last batch right now).
   */
  writeDirectly(write: (batch: LiveEvent[]) => void): void {
    this.#write = write;
    queueMicrotask(() => {
      if (this.#due) this.flush();
    });
  }

  /** Whether something is due but held back (the reader's socket is full): the hub tries again later. */
  get heldBack(): boolean {
    return this.#due && (this.#queue.length > 0 || this.#missed > 0) && this.#backedUp();
  }

  /** The batches, until the subscription is closed, the signal aborts, or it is cut for falling behind. */
  async *batches(signal?: AbortSignal): AsyncGenerator<LiveEvent[]> {
    const abort = () => this.close();
    signal?.addEventListener('abort', abort);
    try {
      if (signal?.aborted) return;
      for (;;) {
        const batch = this.#write === null ? this.#take() : null;
        if (batch) {
          yield batch;
          continue;
        }
        if (this.#failure) throw this.#failure;
        if (this.#ended) return;
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = null;
      }
    } finally {
      signal?.removeEventListener('abort', abort);
      this.close();
    }
  }

  close(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#queue = [];
    this.#wake?.();
    this.onClose(this);
  }

  #take(): LiveEvent[] | null {
    if (!this.#due || this.#ended || this.#backedUp()) return null;
    if (this.#queue.length === 0 && this.#missed === 0) return null;
    let batch: LiveEvent[];
    if (this.#missed > 0) batch = [{ type: 'missed', count: this.#missed }, ...this.#queue];
    else {
      // What it holds is, most of the time, the stream's batch every other subscriber gets too: then it is
      // handed that same array, whose JSON is written once for all of them instead of once each.
      const shared = this.sharedBatch(this.options.moderator);
      batch = shared && sameEvents(this.#queue, shared) ? shared : this.#queue;
    }
    // A batch of its own (it joined late, fell behind, missed some) is joined from its events' JSON, each
    // serialized once for all subscribers: a subscriber behind costs no more to serve than one keeping up.
    shareJsonOfItems(batch);
    this.#queue = [];
    this.#missed = 0;
    this.#due = false;
    // Caught up: earlier overflows no longer count towards a cut.
    this.#overflows = 0;
    return batch;
  }

  #backedUp(): boolean {
    return (this.options.bufferedBytes?.() ?? 0) > this.limits.maxBufferedBytes;
  }

  #fail(error: Error): void {
    this.#failure = error;
    this.#queue = [];
    this.#missed = 0;
    this.#wake?.();
    if (!this.#ended) {
      this.#ended = true;
      this.onClose(this);
    }
  }
}

/** Whether two batches hold the same events (the same objects), in the same order. */
function sameEvents(a: readonly LiveEvent[], b: readonly LiveEvent[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The local subscribers of one stream, behind one pubsub subscription of this instance. */
class StreamGroup {
  readonly subscribers = new Set<LiveSubscription>();
  /** The events delivered since the last flush, in order (at most `batchMax`). */
  window: LiveEvent[] = [];
  /** The last flush's events, as a moderator and as a viewer gets them (see `LiveSubscription#take`). */
  forModerators: LiveEvent[] | null = null;
  forViewers: LiveEvent[] | null = null;
  /** When the last batch went out (performance.now()), and the next one's timer. */
  flushedAt = -Infinity;
  timer: NodeJS.Timeout | null = null;
  constructor(readonly unsubscribe: () => void) {}
}

/**
 * The fan-out of live events on this instance: one pubsub subscription per stream, shared by every local
 * subscriber of that stream, and events handed to each subscriber in batches (every `batchMs`, or sooner when
 * `batchMax` piled up), from a bounded queue per subscriber, so a slow reader costs a fixed amount of memory.
 */
export class LiveFanout {
  readonly #groups = new Map<string, StreamGroup>();
  /** Each holder's open subscriptions on this instance. */
  readonly #held = new Map<string | object, Set<LiveSubscription>>();

  constructor(
    private readonly pubsub: PubSub,
    private readonly limits: FanoutLimits = DEFAULT_FANOUT_LIMITS,
    private readonly caps: SubscriberCaps = DEFAULT_SUBSCRIBER_CAPS,
  ) {}

  /**
   * Starts following a stream's events; close the subscription (or end its batches) to stop. Refused when
   * its holder already keeps as many open as the caps allow.
   */
  subscribe(streamId: string, options: SubscribeOptions): LiveSubscription {
    const holder = options.holder ?? null;
    const held = holder === null ? null : this.#held.get(holder);
    if (held) this.#assertUnderCaps(held, streamId);
    let group = this.#groups.get(streamId);
    if (!group) {
      const unsubscribe = this.pubsub.subscribe(streamEventsChannel(streamId), (message) => {
        if (isLiveEvent(message)) this.deliver(streamId, message);
      });
      group = new StreamGroup(unsubscribe);
      this.#groups.set(streamId, group);
    }
    const shared = group;
    const subscription = new LiveSubscription(
      streamId,
      options,
      this.limits,
      (closed) => {
        this.#release(holder, closed);
        this.#leave(closed);
      },
      (moderator) => (moderator ? shared.forModerators : shared.forViewers),
    );
    group.subscribers.add(subscription);
    if (holder !== null) {
      if (held) held.add(subscription);
      else this.#held.set(holder, new Set([subscription]));
    }
    return subscription;
  }

  /** Hands an event to this instance's subscribers of a stream (what the pubsub brings, and local notices). */
  deliver(streamId: string, event: LiveEvent): void {
    const group = this.#groups.get(streamId);
    if (!group) return;
    for (const subscriber of group.subscribers) subscriber.push(event);
    group.window.push(event);
    if (group.window.length >= this.limits.batchMax) this.#flush(streamId, group);
    else {
      // At most one batch per `batchMs`: after a quiet spell at once, else when `batchMs` passed since the last.
      const wait = Math.max(0, group.flushedAt + this.limits.batchMs - performance.now());
      group.timer ??= setTimeout(() => this.#flush(streamId, group), wait);
    }
  }

  /** Subscribers on this instance, per stream. */
  localCounts(): Map<string, number> {
    return new Map([...this.#groups].map(([streamId, group]) => [streamId, group.subscribers.size]));
  }

  /** Ends every subscription (the server is closing). */
  close(): void {
    for (const group of [...this.#groups.values()]) {
      for (const subscriber of [...group.subscribers]) subscriber.close();
    }
  }

  #flush(streamId: string, group: StreamGroup): void {
    if (group.timer) clearTimeout(group.timer);
    group.timer = null;
    group.flushedAt = performance.now();
    if (group.window.length > 0) {
      const events = group.window;
      group.window = [];
      group.forModerators = events;
      group.forViewers = events.some((event) => MODERATOR_ONLY_EVENTS.has(event.type))
        ? events.filter((event) => !MODERATOR_ONLY_EVENTS.has(event.type))
        : events;
    }
    let heldBack = false;
    for (const subscriber of group.subscribers) {
      subscriber.flush();
      heldBack ||= subscriber.heldBack;
    }
    // A reader whose socket is full gets its batch on a later round (its queue stays bounded meanwhile).
    if (heldBack && this.#groups.get(streamId) === group) {
      group.timer = setTimeout(() => this.#flush(streamId, group), this.limits.batchMs);
    }
  }

  #assertUnderCaps(held: ReadonlySet<LiveSubscription>, streamId: string): void {
    if (held.size >= this.caps.total) {
      throw new RateLimitedError(
        `You are following live events in ${held.size} places already; close a tab or window and try again`,
      );
    }
    let onStream = 0;
    for (const subscription of held) if (subscription.streamId === streamId) onStream += 1;
    if (onStream >= this.caps.perStream) {
      throw new RateLimitedError(
        `You have this stream open ${onStream} times already; close a tab or window and try again`,
      );
    }
  }

  #release(holder: SubscriptionHolder, subscription: LiveSubscription): void {
    if (holder === null) return;
    const held = this.#held.get(holder);
    if (!held) return;
    held.delete(subscription);
    if (held.size === 0) this.#held.delete(holder);
  }

  #leave(subscription: LiveSubscription): void {
    const group = this.#groups.get(subscription.streamId);
    if (!group) return;
    group.subscribers.delete(subscription);
    if (group.subscribers.size > 0) return;
    if (group.timer) clearTimeout(group.timer);
    group.unsubscribe();
    this.#groups.delete(subscription.streamId);
  }
}
