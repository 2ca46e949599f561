/**
 * The server's read path under load, side by side with its peer. `creators.page` (a creator's public page
 * with 40 published posts, each post's access rule evaluated for the viewer) through tRPC over HTTP, and a
 * bare `node:http` handler running the same two SQL reads with `pg` on the same PostgreSQL database
 * (bench/peers/bare-creator-page-server.ts), both loaded by autocannon from this process in alternating rounds
 * (BENCH_ROUNDS, default 3; medians reported), in one run. Goal: ≥ 0.5× the peer's requests/s with a p99
 * ≤ 2× the peer's. Also: a signed-in follower, and the embedded PGlite database.
 * Run alone: `npx tsx bench/server-load.ts` (PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test; each run creates and drops its own database).
 */
import autocannon from 'autocannon';
import type { SeededServer } from './fixtures/seeded-server';
import { startBareCreatorPage } from './peers/bare-creator-page';
import { withScratchPostgres } from './support/postgres';
import { startChild } from './support/process';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface LoadResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

function pageUrl(server: SeededServer): string {
  return `${server.url}/trpc/creators.page?input=${encodeURIComponent(JSON.stringify({ handle: server.handle }))}`;
}

async function followerToken(server: SeededServer): Promise<string> {
  const call = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { result: { data: { token: string } } }).result.data;
  };
  const { token } = await call('accounts.signUp', {
    email: `fan-${Date.now().toString(36)}@example.com`,
    password: 'fan password 123',
    role: 'fan',
    displayName: 'Fan',
  });
  await call('creators.follow', { handle: server.handle }, token);
  return token;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`load run had ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The median of each figure over the rounds. */
function medianOf(results: LoadResult[]): LoadResult {
  return {
    perSecond: median(results.map((r) => r.perSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
  };
}

const describe = (r: LoadResult) =>
  `${Math.round(r.perSecond).toLocaleString('en-US')} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`;

async function sideBySide(databaseUrl: string): Promise<Record<string, string>> {
  const server = await startChild<SeededServer>('bench/fixtures/seeded-server.ts', ['--posts', '40'], {
    DATABASE_URL: databaseUrl,
  });
  const bare = await startBareCreatorPage(databaseUrl);
  try {
    const url = pageUrl(server.ready);
    const token = await followerToken(server.ready);
    // Alternating rounds, medians: background load on a shared machine drifts, and one run of each side
    // after the other would charge the drift to whichever side ran second.
    const ours: LoadResult[] = [];
    const peers: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(await load(url));
      peers.push(await load(bare.pageUrl(server.ready.handle)));
    }
    const trpc = medianOf(ours);
    const peer = medianOf(peers);
    const follower = await load(url, { authorization: `Bearer ${token}` });
    return {
      [`server creators.page through tRPC, PostgreSQL, anonymous (${CONNECTIONS} connections, median of ${ROUNDS} rounds)`]:
        describe(trpc),
      'peer: bare node:http + pg, same two SQL reads, same database (alternating rounds)': describe(peer),
      'tRPC ÷ peer, requests/s [goal ≥ 0.5×]': `${(trpc.perSecond / peer.perSecond).toFixed(2)}×`,
      'tRPC ÷ peer, p99 [goal ≤ 2×]': `${(trpc.p99 / Math.max(peer.p99, 1)).toFixed(2)}×`,
      'server creators.page through tRPC, PostgreSQL, signed-in follower': describe(follower),
    };
  } finally {
    await bare.stop();
    await server.stop();
  }
}

async function embedded(): Promise<Record<string, string>> {
  const server = await startChild<SeededServer>('bench/fixtures/seeded-server.ts', ['--posts', '40'], {
    DATABASE_URL: '',
  });
  try {
    return {
      'server creators.page through tRPC, PGlite, anonymous': describe(await load(pageUrl(server.ready))),
    };
  } finally {
    await server.stop();
  }
}

export async function benchServerLoad(): Promise<Record<string, string>> {
  const postgres = await withScratchPostgres(sideBySide);
  const results =
    'skipped' in postgres ? { 'server creators.page, PostgreSQL': postgres.skipped } : postgres.result;
  return { ...results, ...(await embedded()) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchServerLoad());
