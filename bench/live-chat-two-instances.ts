/**
 * Chat on two server instances sharing one chat through Redis (the local Redis, BENCH_REDIS_URL or
 * redis://127.0.0.1:6379) and one PostgreSQL database (a scratch one, dropped after): the subscribers
 * (BENCH_CHAT_SUBSCRIBERS, default 5,000) split half and half between the instances, messages published on the
 * first, so half the deliveries cross Redis; beside one instance on the same Redis and database holding every
 * subscriber. At 20 and 100 messages a second for BENCH_CHAT_SECONDS (default 5): deliveries/s and delivery
 * p50/p99, as in "chat fan-out". Each instance is a process of its own, the subscribers a third; on 2 cores
 * the two instances share them, so read the two-instance figures as what Redis costs, not as scaling.
 *
 * Run alone: `npm run bench -- "chat two instances"`.
 */
import { answersPing } from '../server/src/adapters/redis-pubsub.test-support';
import type { LiveServer } from './fixtures/live-server';
import {
  CHAT_RATES,
  CHAT_SECONDS,
  CHAT_SUBSCRIBERS,
  describePhase,
  measureChat,
  type ChatPhase,
} from './live-chat-fanout';
import { withScratchPostgres } from './support/postgres';
import { startChild } from './support/process';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function onInstances(databaseUrl: string, instances: 1 | 2): Promise<ChatPhase[]> {
  const env = { DATABASE_URL: databaseUrl, REDIS_URL };
  const first = await startChild<LiveServer>('bench/fixtures/live-server.ts', [], env);
  const second =
    instances === 2
      ? await startChild<LiveServer>(
          'bench/fixtures/live-server.ts',
          ['--stream', first.ready.streamId],
          env,
        ).catch(async (error: unknown) => {
          await first.stop();
          throw error;
        })
      : null;
  try {
    const servers = second ? [first.ready, second.ready] : [first.ready];
    return await measureChat({
      kind: 'trpc',
      urls: servers.map((s) => s.url),
      controlUrl: first.ready.controlUrl,
      streamId: first.ready.streamId,
      serverPids: servers.map((s) => s.pid),
    });
  } finally {
    await second?.stop();
    await first.stop();
  }
}

export async function benchChatTwoInstances(): Promise<Record<string, string>> {
  const label = `chat through Redis, ${CHAT_SUBSCRIBERS.toLocaleString('en-US')} subscribers, ${CHAT_SECONDS} s`;
  if (!(await answersPing(REDIS_URL))) {
    return { [label]: `skipped: no Redis answers at ${REDIS_URL} (set BENCH_REDIS_URL)` };
  }
  const run = await withScratchPostgres(async (databaseUrl) => ({
    one: await onInstances(databaseUrl, 1),
    two: await onInstances(databaseUrl, 2),
  }));
  if ('skipped' in run) return { [label]: run.skipped };
  const results: Record<string, string> = {};
  CHAT_RATES.forEach((rate, i) => {
    results[`${label} at ${rate} msg/s: one instance`] = describePhase(run.result.one[i]!);
    results[`${label} at ${rate} msg/s: two instances, half the subscribers on each`] = describePhase(
      run.result.two[i]!,
    );
  });
  return results;
}
