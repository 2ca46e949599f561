/**
 * The server under load: `creators.page` (a creator's public page with 40 published posts, the server
 * evaluating each post's access rule) read through tRPC over HTTP by autocannon from this process, against
 * the server in its own process, on embedded PGlite and on PostgreSQL, for an anonymous visitor and a
 * signed-in follower. Requests/s and latency percentiles.
 * Run alone: `npx tsx bench/server-load.ts` (PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test; each run creates and drops its own database).
 */
import autocannon from 'autocannon';
import superjson from 'superjson';
import type { SeededServer } from './fixtures/seeded-server';
import { withScratchPostgres } from './support/postgres';
import { startChild } from './support/process';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;

function pageUrl(server: SeededServer): string {
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ handle: server.handle })));
  return `${server.url}/trpc/creators.page?input=${input}`;
}

async function followerToken(server: SeededServer): Promise<string> {
  const call = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(superjson.serialize(body)),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    const json = (await res.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
    return superjson.deserialize(json.result.data) as { token: string };
  };
  const email = `fan-${Date.now().toString(36)}@example.com`;
  const { token } = await call('accounts.signUp', {
    email,
    password: 'fan password 123',
    role: 'fan',
    displayName: 'Fan',
  });
  await call('creators.follow', { handle: server.handle }, token);
  return token;
}

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`load run had ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return `${Math.round(result.requests.average).toLocaleString('en-US')} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`;
}

async function benchOne(label: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const server = await startChild<SeededServer>('bench/fixtures/seeded-server.ts', ['--posts', '40'], env);
  try {
    const url = pageUrl(server.ready);
    const token = await followerToken(server.ready);
    await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
    return {
      [`server creators.page, ${label}, anonymous (${CONNECTIONS} connections)`]: await load(url, {}),
      [`server creators.page, ${label}, signed-in follower`]: await load(url, {
        authorization: `Bearer ${token}`,
      }),
    };
  } finally {
    await server.stop();
  }
}

export async function benchServerLoad(): Promise<Record<string, string>> {
  const results = await benchOne('PGlite', { DATABASE_URL: '' });
  const postgres = await withScratchPostgres((url) => benchOne('PostgreSQL', { DATABASE_URL: url }));
  if ('skipped' in postgres) results['server creators.page, PostgreSQL'] = postgres.skipped;
  else Object.assign(results, postgres.result);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchServerLoad());
