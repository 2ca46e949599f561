import { describeRedisLocation } from './redis-location';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { describeErrorForLog, logFailure } from '../logging/error-log';
import type { PubSub } from './pubsub';

type Listener = (message: unknown) => void;
type RedisClient = ReturnType<typeof createClient>;

export interface RedisPubSubOptions {
  /** redis://… or rediss://… (credentials, database number and TLS as the URL says). */
  readonly url: string;
  /** Put before every channel name in Redis, so several apps (or test runs) can share one Redis. */
  readonly channelPrefix?: string;
}

/** What went through this instance since it connected (for the logs and the benchmarks). */
export interface RedisPubSubStats {
  /** Messages handed to Redis (encoded and queued). */
  published: number;
  /** Messages that could not be encoded or that Redis did not take (unreachable too long, closed). */
  publishFailures: number;
  /** Messages that came back from Redis to at least one channel subscribed here. */
  received: number;
  /** Messages that were not valid JSON (another writer on the channel): dropped, logged. */
  droppedMessages: number;
  /** Listener calls that threw: logged, the other listeners still got the message. */
  listenerErrors: number;
}

/** One Redis channel this instance listens to, shared by all its local listeners. */
interface ChannelSubscription {
  readonly listeners: Set<Listener>;
  /** Registered once with the Redis client; fans each message out to `listeners`. */
  readonly dispatch: (raw: string) => void;
  ready: Promise<void>;
}

export const DEFAULT_CHANNEL_PREFIX = 'mesi:';
/** Attempts of the first connection before start-up gives up (a refused port fails each at once). */
const FIRST_CONNECT_ATTEMPTS = 3;
/** Reconnects after an outage back off up to this delay, forever. */
const MAX_RECONNECT_DELAY_MS = 2_000;
/**
 * Publishes waiting for Redis (unreachable, or slower than the senders); beyond this a publish is dropped at
 * once instead of growing memory. Dropped here, before the client: its own full-queue refusal builds an Error
 * per message, and under overload that cost starved the event loop of the replies that would drain the queue.
 */
const MAX_PUBLISHES_WAITING = 10_000;
/** The client's own bound (subscribes too), above ours so that ours is the one that refuses publishes. */
const CLIENT_QUEUE_LIMIT = MAX_PUBLISHES_WAITING + 1_000;
/** A failure repeated within this window is counted, not logged again (an outage would flood the log). */
const LOG_EVERY_MS = 5_000;
const CLOSE_GRACE_MS = 2_000;
const BIGINT_TAG = '$bigint';

/**
 * The pubsub over Redis: one connection publishes, one subscribes (a subscribing connection can do nothing
 * else). A message published here reaches this instance's own listeners through Redis, the same path as every
 * other instance's, so each channel's order is Redis's. Reconnects by itself after Redis restarts, and the
 * client re-subscribes every channel; what was published meanwhile may be lost (see `PubSub`).
 */
export class RedisPubSub implements PubSub {
  readonly #publisher: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #prefix: string;
  readonly #channels = new Map<string, ChannelSubscription>();
  readonly #stats: RedisPubSubStats = {
    published: 0,
    publishFailures: 0,
    received: 0,
    droppedMessages: 0,
    listenerErrors: 0,
  };
  readonly #lastLogged = new Map<string, { at: number; suppressed: number }>();
  /** Publishes Redis has not answered yet: `close` gives them a moment before it cuts the connections. */
  #publishesWaiting = 0;
  #onAllAnswered: (() => void) | null = null;
  #closing: Promise<void> | null = null;

  private constructor(publisher: RedisClient, subscriber: RedisClient, prefix: string) {
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
  }

  /** Connects both connections; rejects, naming where Redis was expected, if either cannot be reached. */
  static async connect(options: RedisPubSubOptions): Promise<RedisPubSub> {
    const where = describeRedisLocation(options.url);
    const publisher = connection(options.url, 'publisher');
    const subscriber = connection(options.url, 'subscriber');
    const opened = await Promise.allSettled([publisher.connect(), subscriber.connect()]);
    const failed = opened.find((result) => result.status === 'rejected');
    if (failed) {
      for (const client of [publisher, subscriber]) if (client.isOpen) client.destroy();
      const cause: unknown = failed.reason;
      const socketError = (cause as { socketError?: unknown }).socketError ?? cause;
      const reason = socketError instanceof Error ? socketError.message : String(socketError);
      throw new Error(`Redis at ${where} could not be reached: ${reason || 'connection refused'}`, { cause });
    }
    return new RedisPubSub(publisher, subscriber, options.channelPrefix ?? DEFAULT_CHANNEL_PREFIX);
  }

  get stats(): Readonly<RedisPubSubStats> {
    return { ...this.#stats };
  }

  publish(channel: string, message: unknown): void {
    if (this.#closing) return this.#publishFailed(channel, new Error('the pubsub is closed'));
    let raw: string;
    try {
      raw = encodeMessage(message);
    } catch (error) {
      return this.#publishFailed(channel, error);
    }
    if (this.#publishesWaiting >= MAX_PUBLISHES_WAITING) {
      return this.#publishFailed(channel, `${MAX_PUBLISHES_WAITING} publishes are already waiting for Redis`);
    }
    try {
      this.#publisher.publish(this.#prefix + channel, raw).then(
        () => this.#answered(),
        (error: unknown) => {
          this.#answered();
          this.#publishFailed(channel, error);
        },
      );
      this.#publishesWaiting += 1;
      this.#stats.published += 1;
    } catch (error) {
      this.#publishFailed(channel, error);
    }
  }

  #answered(): void {
    this.#publishesWaiting -= 1;
    if (this.#publishesWaiting === 0) this.#onAllAnswered?.();
  }

  subscribe(channel: string, listener: Listener): () => void {
    if (this.#closing) return () => undefined;
    let subscription = this.#channels.get(channel);
    if (!subscription) {
      const created: ChannelSubscription = {
        listeners: new Set(),
        dispatch: (raw) => this.#deliver(channel, created, raw),
        ready: Promise.resolve(),
      };
      this.#channels.set(channel, created);
      created.ready = this.#subscribeInRedis(channel, created);
      subscription = created;
    }
    const joined = subscription;
    joined.listeners.add(listener);
    return () => {
      if (!joined.listeners.delete(listener) || joined.listeners.size > 0) return;
      // The last listener left: Redis stops sending this channel here.
      if (this.#channels.get(channel) === joined) this.#channels.delete(channel);
      if (this.#closing) return;
      this.#subscriber.unsubscribe(this.#prefix + channel, joined.dispatch).catch((error: unknown) => {
        // The connection is gone: it takes the subscription with it (and will not re-subscribe: removed above).
        if (this.#closing) return;
        this.#logThrottled(`Redis pubsub unsubscribe from ${channel}`, error);
      });
    };
  }

  async ready(channel: string): Promise<void> {
    await this.#channels.get(channel)?.ready;
  }

  async close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#channels.clear();
      // The last messages (a stream's end) still go out, unless Redis is unreachable: then they are lost.
      if (this.#publisher.isReady && this.#publishesWaiting > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          this.#onAllAnswered = resolve;
          timer = setTimeout(resolve, CLOSE_GRACE_MS);
        });
        clearTimeout(timer);
      }
      for (const client of [this.#publisher, this.#subscriber]) if (client.isOpen) client.destroy();
    })();
    return this.#closing;
  }

  /**
   * SUBSCRIBE, again after a failure (a reply lost when the connection dropped) for as long as someone here
   * still listens; resolves once Redis confirmed it, or once nobody here listens any more.
   */
  async #subscribeInRedis(channel: string, subscription: ChannelSubscription): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.#closing || this.#channels.get(channel) !== subscription) return;
      try {
        await this.#subscriber.subscribe(this.#prefix + channel, subscription.dispatch);
        return;
      } catch (error) {
        if (this.#closing) return;
        this.#logThrottled(`Redis pubsub subscribe to ${channel}`, error);
        await sleep(reconnectDelayMs(attempt));
      }
    }
  }

  #deliver(channel: string, subscription: ChannelSubscription, raw: string): void {
    this.#stats.received += 1;
    let message: unknown;
    try {
      message = decodeMessage(raw);
    } catch {
      this.#stats.droppedMessages += 1;
      console.error(
        `Redis pubsub: dropped a message on ${channel} that is not valid JSON (${raw.length} bytes)`,
      );
      return;
    }
    for (const listener of [...subscription.listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.#stats.listenerErrors += 1;
        logFailure(`pubsub listener on ${channel}`, error);
      }
    }
  }

  #publishFailed(channel: string, error: unknown): void {
    this.#stats.publishFailures += 1;
    this.#logThrottled(`Redis pubsub publish on ${channel}`, error);
  }

  #logThrottled(what: string, error: unknown): void {
    const key = what.replace(/ (on|to|from) .*$/, '');
    const last = this.#lastLogged.get(key);
    const now = Date.now();
    if (last && now - last.at < LOG_EVERY_MS) {
      last.suppressed += 1;
      return;
    }
    const more = last?.suppressed ? ` (and ${last.suppressed} more like it since the last report)` : '';
    this.#lastLogged.set(key, { at: now, suppressed: 0 });
    console.error(`${what} failed${more}: ${describeErrorForLog(error)}`);
  }
}

/** A client that gives up quickly on its first connection (start-up says why) and retries forever after. */
function connection(url: string, role: 'publisher' | 'subscriber'): RedisClient {
  let wasReady = false;
  let outageLogged = false;
  const client = createClient({
    url,
    commandsQueueMaxLength: CLIENT_QUEUE_LIMIT,
    socket: {
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!wasReady && retries + 1 >= FIRST_CONNECT_ATTEMPTS) return cause;
        return reconnectDelayMs(retries);
      },
    },
  });
  // Without a listener an 'error' event would end the process; the first of an outage is enough to log.
  client.on('error', (error: unknown) => {
    if (!wasReady || outageLogged) return;
    outageLogged = true;
    logFailure(`Redis pubsub ${role} connection (reconnecting)`, error);
  });
  client.on('ready', () => {
    if (wasReady && outageLogged) console.error(`Redis pubsub: ${role} reconnected`);
    wasReady = true;
    outageLogged = false;
  });
  return client;
}

function reconnectDelayMs(retries: number): number {
  const backoff = Math.min(50 * 2 ** Math.min(retries, 10), MAX_RECONNECT_DELAY_MS);
  // Jitter, so every instance does not knock on a restarted Redis at the same instant.
  return Math.round(backoff * (0.75 + Math.random() * 0.5));
}

/** JSON, with bigint (money in minor units) carried exactly as `{"$bigint":"123"}`. */
export function encodeMessage(message: unknown): string {
  let raw: string | undefined;
  try {
    raw = JSON.stringify(message);
  } catch {
    // Most messages hold no bigint: only those (or cycles, which fail again) pay for the replacer.
    raw = JSON.stringify(message, (_key, value: unknown) =>
      typeof value === 'bigint' ? { [BIGINT_TAG]: value.toString() } : value,
    );
  }
  if (raw === undefined) throw new TypeError(`a ${typeof message} is not a JSON message`);
  return raw;
}

export function decodeMessage(raw: string): unknown {
  if (!raw.includes(`"${BIGINT_TAG}"`)) return JSON.parse(raw);
  return JSON.parse(raw, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    const tagged = (value as Record<string, unknown>)[BIGINT_TAG];
    return keys.length === 1 && typeof tagged === 'string' && /^-?\d+$/.test(tagged) ? BigInt(tagged) : value;
  });
}
