import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

/** The Redis the tests share: TEST_REDIS_URL (set by `.ci/run`), else the local default. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Why the Redis tests cannot run, or null when they can. Only a missing *and* unset Redis skips: with
 * TEST_REDIS_URL set, an unreachable Redis fails the run instead of hiding it.
 */
export async function redisSkipReason(): Promise<string | null> {
  if (await answersPing(TEST_REDIS_URL)) return null;
  if (process.env.TEST_REDIS_URL) throw new Error(`TEST_REDIS_URL=${TEST_REDIS_URL} does not answer PING`);
  return `no Redis at ${TEST_REDIS_URL} and TEST_REDIS_URL is unset (.ci/run starts one)`;
}

export async function answersPing(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** A channel prefix of its own per test, so runs sharing one Redis never see each other. */
export const testPrefix = () => `mesi-test-${randomBytes(6).toString('hex')}:`;

/** A TCP port nothing listens on (taken from the OS, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** What a listener received, and a way to wait until something shows up (10 s, then a clear failure). */
export function recorder<T = unknown>(name: string) {
  const received: T[] = [];
  const waiters = new Set<() => void>();
  return {
    received,
    listener: (message: unknown) => {
      received.push(message as T);
      for (const wake of [...waiters]) wake();
    },
    async waitFor(predicate: (received: readonly T[]) => boolean, what: string, timeoutMs = 10_000) {
      if (predicate(received)) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name} never got ${what}; got ${JSON.stringify(received, bigintAsText)}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
  };
}

const bigintAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);
