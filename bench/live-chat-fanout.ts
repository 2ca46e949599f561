/**
 * Chat fan-out: BENCH_CHAT_SUBSCRIBERS (default 5,000) WebSocket subscribers of `liveChat.events` on one
 * server instance (a public stream, anonymous viewers: the access check runs for each), beside a bare `ws`
 * broadcast server (bench/peers/live-raw-ws-broadcast.ts, one send per message per socket) in the same run. At
 * 20 and then 100 messages a second for BENCH_CHAT_SECONDS (default 5): deliveries/s, delivery delay p50/p99
 * (publisher's wall-clock stamp to the subscriber's arrival, on one machine), whether every message reached
 * every subscriber, and what was dropped and said (`missed`) or cut. Goals (issue 17): at 20/s all delivered
 * with p99 ≤ 100 ms; at 100/s ≥ 1.3× the raw server's deliveries/s and nothing dropped silently.
 *
 * Messages enter at `ChatService.publish` (bench/fixtures/live-server.ts says why), so this is the fan-out:
 * pubsub, per-stream batching, bounded queues, tRPC over WebSocket. The subscribers run in a process of their
 * own (bench/fixtures/live-chat-subscribers.ts); each server too. On 2 cores the client shares the machine
 * with the server: its CPU is reported beside the server's.
 *
 * Run alone: `npm run bench -- "chat fan-out"`.
 */
import { cpuSecondsOf } from './support/cpu';
import { startChild } from './support/process';
import type { LiveServer } from './fixtures/live-server';
import {
  runSubscribers,
  type DeliveryReport,
  type SubscriberKind,
  type Subscribers,
} from './fixtures/live-chat-subscribers';

export const CHAT_SUBSCRIBERS = Number(process.env.BENCH_CHAT_SUBSCRIBERS ?? 5_000);
export const CHAT_SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 5);
export const CHAT_RATES = [20, 100] as const;
/** After the last publish, arrivals are awaited until none came for QUIET_MS (at most DRAIN_MAX_MS). */
const QUIET_MS = 1_000;
const DRAIN_MAX_MS = 30_000;
const GOAL = { p99At20: 100, ofRawAt100: 1.3 };

export interface ChatPhase {
  readonly rate: number;
  readonly sent: number;
  readonly subscribers: number;
  readonly report: DeliveryReport;
  readonly perSecond: number;
  /** CPU seconds of the servers and of the client during the phase. */
  readonly serverCpu: number;
  readonly clientCpu: number;
}

export interface ChatTarget {
  readonly kind: SubscriberKind;
  /** Where subscribers connect (several: spread round robin). */
  readonly urls: readonly string[];
  /** Where the messages are published (the first instance's control port). */
  readonly controlUrl: string;
  readonly streamId: string;
  readonly serverPids: readonly number[];
}

/** Waits until the subscribers stop receiving: a server behind its sends still delivers after the last one. */
async function drained(client: Subscribers): Promise<void> {
  const until = Date.now() + DRAIN_MAX_MS;
  let last = -1;
  for (;;) {
    const count = await client.count();
    if (count === last || Date.now() > until) return;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
}

/** Connects the subscribers to one target, then runs each rate; resolves with a phase per rate. */
export async function measureChat(target: ChatTarget, subscribers = CHAT_SUBSCRIBERS): Promise<ChatPhase[]> {
  const client = runSubscribers();
  try {
    const connected = await client.connect({
      kind: target.kind,
      urls: target.urls,
      count: subscribers,
      streamId: target.streamId,
    });
    if (connected.open === 0) throw new Error(`no subscriber could connect: ${connected.firstError}`);
    if (connected.failed > 0) {
      console.warn(`  ${connected.failed} of ${subscribers} subscribers failed: ${connected.firstError}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await client.report(); // whatever arrived while connecting (status, viewers) is not a phase's
    const phases: ChatPhase[] = [];
    for (const rate of CHAT_RATES) {
      const cpuBefore = target.serverPids.map((pid) => cpuSecondsOf(pid));
      const clientBefore = cpuSecondsOf(client.pid);
      const answer = await fetch(`${target.controlUrl}/chat?rate=${rate}&seconds=${CHAT_SECONDS}`, {
        method: 'POST',
      });
      const { sent } = (await answer.json()) as { sent: number };
      await drained(client);
      const report = await client.report();
      phases.push({
        rate,
        sent,
        subscribers: connected.open,
        report,
        perSecond: report.windowSeconds > 0 ? report.deliveries / report.windowSeconds : 0,
        serverCpu: target.serverPids.reduce((sum, pid, i) => sum + cpuSecondsOf(pid) - cpuBefore[i]!, 0),
        clientCpu: cpuSecondsOf(client.pid) - clientBefore,
      });
    }
    return phases;
  } finally {
    await client.close();
  }
}

const round = (n: number) => Math.round(n).toLocaleString('en-US');

/** One line of figures for a phase. */
export function describePhase(phase: ChatPhase): string {
  const { report } = phase;
  const expected = phase.sent * phase.subscribers;
  const all =
    report.deliveries === expected
      ? 'all delivered'
      : `${round(report.deliveries)} of ${round(expected)} delivered`;
  const dropped =
    report.missedNotices > 0
      ? `; ${round(report.missed)} dropped and said (${report.missedNotices} missed notices)`
      : '';
  const cut = report.ended > 0 ? `; ${report.ended} ended (${report.endReasons.join('; ')})` : '';
  return (
    `${round(phase.perSecond)} deliveries/s, p50 ${report.p50.toFixed(0)} ms, p99 ${report.p99.toFixed(0)} ms; ${all}${dropped}${cut}` +
    ` (CPU: server ${phase.serverCpu.toFixed(1)} s, client ${phase.clientCpu.toFixed(1)} s)`
  );
}

export async function benchChatFanout(): Promise<Record<string, string>> {
  const ours = await startChild<LiveServer>('bench/fixtures/live-server.ts');
  let oursPhases: ChatPhase[];
  try {
    oursPhases = await measureChat({
      kind: 'trpc',
      urls: [ours.ready.url],
      controlUrl: ours.ready.controlUrl,
      streamId: ours.ready.streamId,
      serverPids: [ours.ready.pid],
    });
  } finally {
    await ours.stop();
  }
  const raw = await startChild<{ url: string; controlUrl: string; pid: number }>(
    'bench/peers/live-raw-ws-broadcast.ts',
  );
  let rawPhases: ChatPhase[];
  try {
    rawPhases = await measureChat({
      kind: 'raw',
      urls: [raw.ready.url],
      controlUrl: raw.ready.controlUrl,
      streamId: '',
      serverPids: [raw.ready.pid],
    });
  } finally {
    await raw.stop();
  }

  const label = `chat fan-out, ${round(CHAT_SUBSCRIBERS)} subscribers, ${CHAT_SECONDS} s`;
  const results: Record<string, string> = {};
  CHAT_RATES.forEach((rate, i) => {
    const mine = oursPhases[i]!;
    const theirs = rawPhases[i]!;
    results[`${label} at ${rate} msg/s: liveChat.events (one instance)`] = describePhase(mine);
    results[`${label} at ${rate} msg/s: raw ws, one send per message`] = describePhase(theirs);
  });
  const at20 = oursPhases[0]!;
  const allAt20 = at20.report.deliveries === at20.sent * at20.subscribers;
  results[`  at 20 msg/s [goal: all delivered, p99 ≤ ${GOAL.p99At20} ms]`] =
    `${allAt20 && at20.report.p99 <= GOAL.p99At20 ? 'meets' : 'misses'} (p99 ${at20.report.p99.toFixed(0)} ms, ${allAt20 ? 'all delivered' : 'not all delivered'})`;
  const at100 = oursPhases[1]!;
  const ratio = rawPhases[1]!.perSecond > 0 ? at100.perSecond / rawPhases[1]!.perSecond : NaN;
  const lost = at100.sent * at100.subscribers - at100.report.deliveries - at100.report.missed;
  results[`  at 100 msg/s [goal ≥ ${GOAL.ofRawAt100}× raw, nothing dropped silently]`] =
    `${ratio.toFixed(2)}× raw (${ratio >= GOAL.ofRawAt100 ? 'meets' : 'misses'}); ` +
    (lost <= 0 || at100.report.ended > 0
      ? `every message delivered, said missed, or its subscriber cut (${at100.report.ended} cut)`
      : `${round(lost)} deliveries neither arrived nor were said missed`);
  return results;
}
