/**
 * Tips settled end to end under load, side by side with their raw-SQL peer. `tips.send` through tRPC over
 * HTTP (session, creator and settings lookups, the payment row, the sandbox rail's charge, then payment, ledger
 * operation and transfers, tip and feed outbox in one transaction) from 50 connections at once, each request
 * a different fan (50 signed up, round robin), a fresh idempotency key and an amount of its own; and the peer,
 * two transfer inserts per tip in one transaction with 50 pgbench clients on the same PostgreSQL database
 * (bench/peers/two-insert-tips.ts). Alternating rounds (BENCH_ROUNDS, default 3; medians reported) of
 * BENCH_DURATION seconds (default 10). Goal on PostgreSQL: ≥ 2,000 tips/s with p99 ≤ 50 ms, and ≥ 0.25× the
 * peer's tips/s. Then the same load once on the embedded PGlite database.
 *
 * After the load, from the server's own database: the ledger's audit (`LedgerService.audit`: every currency
 * sums to zero, no account that must not go negative is, no empty operation), and the tips settled equal the
 * 2xx answers, in number and in amount.
 *
 * The load generator is a closed loop of 50 keep-alive `node:http` requests (not autocannon: autocannon cuts
 * the requests in flight when its time is up, and the server still settles them, so tips and 2xx answers
 * could not be compared exactly; this loop waits for its last answers). It runs in this process. That it is
 * not what limits the rate shows twice in the table: its CPU during the runs beside the server's and
 * PostgreSQL's, and the rate it reaches alone against a stub that answers at once (bench/fixtures/
 * answering-stub.ts). The machine is shared: each round also reports the CPU other processes used meanwhile,
 * and the CPU per tip of each side, a figure less sensitive to them than the rate.
 *
 * Run alone: `npx tsx bench/tips-load.ts` (PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test; each run creates and drops its own database).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpuSecondsOf, machineCpuSeconds } from './support/cpu';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { TippingServer, TipsCheck } from './fixtures/tipping-server';
import { createPeerTable, peerCount, runPeer, type PeerResult } from './peers/two-insert-tips';
import { withScratchPostgres } from './support/postgres';
import { startChild } from './support/process';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP_S = 2;
const CONNECTIONS = 50;
const FANS = 50;
const GOAL = { perSecond: 2_000, p99: 50, ofPeer: 0.25 };

interface TipsLoad {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly amount: bigint;
  readonly non2xx: number;
  readonly firstFailure: string | null;
  readonly cpu: CpuUse;
}

// --- CPU time ---------------------------------------------------------------------------------------------

/** CPU seconds of every postgres process, ended backends included (the postmaster waited for them). */
function postgresCpuSeconds(): number {
  let total = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name === 'postgres') total += cpuSecondsOf(pid, true);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** CPU used during a run, in cores (1 = one core busy the whole time). */
interface CpuUse {
  /** This process: the load generator (or the Node peer). */
  readonly client: number;
  /** The server process (0 for the peer). */
  readonly server: number;
  /** This process's children that ended meanwhile: pgbench. */
  readonly tool: number;
  readonly postgres: number;
  readonly machine: number;
  /** Every other process: someone else's work on the shared machine. */
  readonly others: number;
}

function cpuMeter(serverPid: number | null): () => CpuUse {
  const read = () => ({
    at: performance.now(),
    client: process.cpuUsage(),
    children: cpuSecondsOf('self', true) - cpuSecondsOf('self'),
    server: serverPid === null ? 0 : cpuSecondsOf(serverPid),
    postgres: postgresCpuSeconds(),
    machine: machineCpuSeconds(),
  });
  const before = read();
  return () => {
    const after = read();
    const seconds = (after.at - before.at) / 1000;
    const usage = process.cpuUsage(before.client);
    const client = (usage.user + usage.system) / 1e6 / seconds;
    const tool = (after.children - before.children) / seconds;
    const server = (after.server - before.server) / seconds;
    const postgres = (after.postgres - before.postgres) / seconds;
    const machine = (after.machine - before.machine) / seconds;
    return {
      client,
      server,
      tool,
      postgres,
      machine,
      others: Math.max(0, machine - client - server - tool - postgres),
    };
  };
}

// --- the load: a closed loop of CONNECTIONS keep-alive requests -------------------------------------------

function post(
  agent: Agent,
  url: URL,
  token: string,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One keep-alive agent per server, kept across its warm-up and rounds: 50 connections opened at once while the
 * server is saturated are served slowly (PGlite: one after another, seconds for the last), which would charge
 * each round's first requests with connecting instead of with tips.
 */
const agents = new Map<string, Agent>();
const agentFor = (url: string) => {
  let agent = agents.get(url);
  if (!agent) agents.set(url, (agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })));
  return agent;
};
function closeAgent(url: string): void {
  agents.get(url)?.destroy();
  agents.delete(url);
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/**
 * `tips.send` from CONNECTIONS loops at once for `durationS`; each loop sends its next tip when the last one
 * is answered, and none is cut off: every request sent is answered before this resolves.
 */
export async function sendTips(server: TippingServer, durationS: number): Promise<TipsLoad> {
  const url = new URL(`${server.url}/trpc/tips.send`);
  const agent = agentFor(server.url);
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let amount = 0n;
  let non2xx = 0;
  let firstFailure: string | null = null;
  const cpu = cpuMeter(server.pid);
  const started = performance.now();
  const deadline = started + durationS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        const n = next++;
        const fan = server.fans[n % server.fans.length]!;
        const cents = 100 + ((n * 7919) % 9901); // $1.00 to $100.00, a different amount each time
        const body = JSON.stringify({
          handle: server.handle,
          amount: String(cents),
          currency: 'USD',
          message: `Thank you! #${n}`,
          paymentMethod: 'sandbox_card_4242424242424242',
          idempotencyKey: randomUUID(),
        });
        const t0 = performance.now();
        const answer = await post(agent, url, fan.token, body).catch((error: Error) => ({
          status: 0,
          text: error.message,
        }));
        latencies.push(performance.now() - t0);
        if (answer.status >= 200 && answer.status < 300 && answer.text.includes('"status":"succeeded"')) {
          ok++;
          amount += BigInt(cents);
        } else {
          non2xx++;
          firstFailure ??= `${answer.status} ${answer.text.slice(0, 300)}`;
        }
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const used = cpu();
  const sorted = Float64Array.from(latencies).sort();
  return {
    perSecond: ok / elapsedS,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    ok,
    amount,
    non2xx,
    firstFailure,
    cpu: used,
  };
}

// --- figures ------------------------------------------------------------------------------------------------

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const perSecondText = (n: number) => `${Math.round(n).toLocaleString('en-US')} tips/s`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const describe = (r: { perSecond: number; p50: number; p99: number }) =>
  `${perSecondText(r.perSecond)}, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`;
const cores = (n: number) => `${Math.round(n * 100)}%`;
const roundText = (r: { perSecond: number; p99: number; cpu: CpuUse }) =>
  `${Math.round(r.perSecond)}/s p99 ${ms(r.p99)} (others ${cores(r.cpu.others)})`;
/** The round of the median rate (its CPU figures stand for the rounds). */
const medianRound = <T extends { perSecond: number }>(rounds: T[]): T =>
  [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rounds.length / 2)]!;
/** CPU milliseconds per tip of a round, from its cores and its rate. */
const perTip = (coresUsed: number, r: { perSecond: number }) =>
  `${((coresUsed / r.perSecond) * 1000).toFixed(2)} ms`;
const CPU_LABEL = `% of one core; ${cpus().length} cores = ${cpus().length * 100}%`;

/** Medians of the rounds, each figure on its own; CPU of the median-rate round. */
function medianOfLoads(loads: TipsLoad[]) {
  return {
    perSecond: median(loads.map((l) => l.perSecond)),
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    cpu: medianRound(loads).cpu,
  };
}

/** Every load run on one server, warm-ups included: what the database must hold afterwards. */
class Answered {
  ok = 0;
  amount = 0n;
  non2xx = 0;
  firstFailure: string | null = null;
  add(load: TipsLoad): TipsLoad {
    this.ok += load.ok;
    this.amount += load.amount;
    this.non2xx += load.non2xx;
    this.firstFailure ??= load.firstFailure;
    return load;
  }
}

async function checkAfter(server: TippingServer, answered: Answered): Promise<string> {
  const res = await fetch(server.checkUrl);
  if (!res.ok) throw new Error(`check: HTTP ${res.status} ${await res.text()}`);
  const check = (await res.json()) as TipsCheck;
  const succeeded = check.payments.succeeded ?? 0;
  const others = Object.entries(check.payments).filter(([status]) => status !== 'succeeded');
  const countsMatch = check.tips === answered.ok && succeeded === answered.ok;
  const amountsMatch = check.tipsAmount === answered.amount.toString();
  const parts = [
    `balanced: ${check.balanced ? 'yes' : 'no'}`,
    `settled tips ${check.tips.toLocaleString('en-US')} ${countsMatch ? '=' : '≠'} 2xx answers ${answered.ok.toLocaleString('en-US')}`,
    `amounts ${amountsMatch ? 'equal' : `differ (${check.tipsAmount} vs ${answered.amount})`}`,
    `${check.ledgerOperations.toLocaleString('en-US')} ledger operations, ${check.ledgerTransfers.toLocaleString('en-US')} transfers`,
  ];
  if (!check.balanced) {
    parts.push(
      `sums ${JSON.stringify(check.sums)}, ${check.negativeAccounts} negative, ${check.emptyOperations} empty`,
    );
  }
  if (others.length > 0) parts.push(`other payments: ${others.map(([s, n]) => `${n} ${s}`).join(', ')}`);
  if (answered.non2xx > 0) parts.push(`${answered.non2xx} failed answers, first: ${answered.firstFailure}`);
  return parts.join('; ');
}

/** The peer, with the CPU used meanwhile. */
async function runPeerMeasured(
  databaseUrl: string,
  options: Parameters<typeof runPeer>[1],
): Promise<PeerResult & { cpu: CpuUse }> {
  const cpu = cpuMeter(null);
  const result = await runPeer(databaseUrl, options);
  return { ...result, cpu: cpu() };
}

export function startTippingServer(databaseUrl: string) {
  return startChild<TippingServer>('bench/fixtures/tipping-server.ts', ['--fans', String(FANS)], {
    DATABASE_URL: databaseUrl,
  });
}

async function sideBySide(databaseUrl: string): Promise<Record<string, string>> {
  const server = await startTippingServer(databaseUrl);
  try {
    await createPeerTable(databaseUrl);
    const peerOptions = {
      clients: CONNECTIONS,
      creatorId: server.ready.creatorId,
      fans: FANS,
    };
    const answered = new Answered();
    answered.add(await sendTips(server.ready, WARM_UP_S));
    await runPeer(databaseUrl, { ...peerOptions, durationS: WARM_UP_S });
    // Alternating rounds, medians: background load on a shared machine drifts, and one run of each side
    // after the other would charge the drift to whichever side ran second.
    const ours: TipsLoad[] = [];
    const peers: (PeerResult & { cpu: CpuUse })[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(answered.add(await sendTips(server.ready, DURATION_S)));
      peers.push(await runPeerMeasured(databaseUrl, { ...peerOptions, durationS: DURATION_S }));
    }
    const trpc = medianOfLoads(ours);
    const peer = {
      perSecond: median(peers.map((p) => p.perSecond)),
      p50: median(peers.map((p) => p.p50)),
      p99: median(peers.map((p) => p.p99)),
      cpu: medianRound(peers).cpu,
    };
    const oursMid = medianRound(ours);
    const peerMid = medianRound(peers);
    const peerFailed = peers.reduce((sum, p) => sum + p.failed, 0);
    const peerRows = await peerCount(databaseUrl);
    const ratio = trpc.perSecond / peer.perSecond;
    const meets = (yes: boolean) => (yes ? 'meets' : 'misses');
    return {
      [`tips.send through tRPC, PostgreSQL (${CONNECTIONS} connections, ${FANS} fans, median of ${ROUNDS} × ${DURATION_S} s)`]:
        describe(trpc),
      [`  goal ≥ ${GOAL.perSecond.toLocaleString('en-US')} tips/s and p99 ≤ ${GOAL.p99} ms`]: `${meets(trpc.perSecond >= GOAL.perSecond)} the rate, ${meets(trpc.p99 <= GOAL.p99)} the p99`,
      [`  tips rounds, PostgreSQL (others: CPU of other processes)`]: ours.map(roundText).join(' | '),
      [`  CPU in the median round (${CPU_LABEL})`]: `load generator ${cores(trpc.cpu.client)}, server ${cores(trpc.cpu.server)}, PostgreSQL ${cores(trpc.cpu.postgres)}, other processes ${cores(trpc.cpu.others)}`,
      [`  CPU per tip in the median round`]: `server ${perTip(oursMid.cpu.server, oursMid)}, PostgreSQL ${perTip(oursMid.cpu.postgres, oursMid)}, load generator ${perTip(oursMid.cpu.client, oursMid)}`,
      [`  tips check, PostgreSQL`]: await checkAfter(server.ready, answered),
      [`peer: ${peers[0]?.tool ?? 'pgbench'}, two transfer inserts per tip in one transaction, same database (${CONNECTIONS} clients, alternating rounds)`]:
        describe(peer),
      [`  tips peer rounds`]: peers.map(roundText).join(' | '),
      [`  peer CPU in the median round (${CPU_LABEL})`]: `${peers[0]?.tool ?? 'pgbench'} ${cores(peer.cpu.tool + peer.cpu.client)}, PostgreSQL ${cores(peer.cpu.postgres)}, other processes ${cores(peer.cpu.others)}`,
      [`  peer CPU per tip in the median round`]: `${peers[0]?.tool ?? 'pgbench'} ${perTip(peerMid.cpu.tool + peerMid.cpu.client, peerMid)}, PostgreSQL ${perTip(peerMid.cpu.postgres, peerMid)}`,
      [`  tips peer check`]: `${peerRows.transfers.toLocaleString('en-US')} transfers in ${peerRows.operations.toLocaleString('en-US')} tips, ${peerFailed} failed`,
      [`tRPC ÷ peer, tips/s [goal ≥ ${GOAL.ofPeer}×]`]: `${ratio.toFixed(2)}× (${meets(ratio >= GOAL.ofPeer)})`,
    };
  } finally {
    closeAgent(server.ready.url);
    await server.stop();
  }
}

async function embedded(): Promise<Record<string, string>> {
  const server = await startTippingServer('');
  try {
    const answered = new Answered();
    answered.add(await sendTips(server.ready, WARM_UP_S));
    const load = answered.add(await sendTips(server.ready, DURATION_S));
    return {
      [`tips.send through tRPC, PGlite (${CONNECTIONS} connections, ${FANS} fans, ${DURATION_S} s)`]:
        describe(load),
      [`  CPU, PGlite (${CPU_LABEL})`]: `load generator ${cores(load.cpu.client)}, server ${cores(load.cpu.server)} (${perTip(load.cpu.server, load)} per tip), other processes ${cores(load.cpu.others)}`,
      [`  tips check, PGlite`]: await checkAfter(server.ready, answered),
    };
  } finally {
    closeAgent(server.ready.url);
    await server.stop();
  }
}

/**
 * The load generator alone, against a stub that answers at once what `tips.send` answers: the most it can
 * send, and its CPU per request, beside what it used during the real runs.
 */
async function generatorAlone(): Promise<Record<string, string>> {
  const stub = await startChild<{ url: string; pid: number }>('bench/fixtures/answering-stub.ts');
  try {
    const target: TippingServer = {
      url: stub.ready.url,
      checkUrl: '',
      pid: stub.ready.pid,
      handle: 'stub',
      creatorId: '',
      fans: Array.from({ length: FANS }, (_, i) => ({ id: String(i), token: `stub-token-${i}` })),
    };
    await sendTips(target, 1);
    const load = await sendTips(target, 3);
    return {
      [`load generator alone (${CONNECTIONS} connections, against a stub answering like tips.send)`]: `${Math.round(load.perSecond).toLocaleString('en-US')} requests/s, ${((load.cpu.client / load.perSecond) * 1e6).toFixed(0)} µs of CPU per request (${cores(load.cpu.client)} of a core), other processes ${cores(load.cpu.others)}`,
    };
  } finally {
    closeAgent(stub.ready.url);
    await stub.stop();
  }
}

export async function benchTipsLoad(): Promise<Record<string, string>> {
  const generator = await generatorAlone();
  const postgres = await withScratchPostgres(sideBySide);
  const results = 'skipped' in postgres ? { 'tips.send, PostgreSQL': postgres.skipped } : postgres.result;
  return { ...results, ...(await embedded()), ...generator };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchTipsLoad());
