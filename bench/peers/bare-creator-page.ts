/**
 * Starts the bare peer of `creators.page` (./bare-creator-page-server.ts) in its own process, so a benchmark
 * can load it side by side with the real server on the same PostgreSQL database.
 * Run alone: `npx tsx bench/peers/bare-creator-page.ts` (scratch PostgreSQL database as in server-load.ts):
 * seeds a creator with 40 posts through the real server, checks that both answer the same posts, then loads
 * each for BENCH_DURATION seconds (default 10) and prints requests/s and latency.
 */
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import superjson from 'superjson';
import type { SeededServer } from '../fixtures/seeded-server';
import { withScratchPostgres } from '../support/postgres';
import { startChild } from '../support/process';

const SCRIPT = fileURLToPath(new URL('./bare-creator-page-server.ts', import.meta.url));
const SEEDED_SERVER = fileURLToPath(new URL('../fixtures/seeded-server.ts', import.meta.url));

export interface BareCreatorPage {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** The URL of a creator's page: `${url}/page?handle=<handle>`. */
  pageUrl(handle: string): string;
  stop(): Promise<void>;
}

/** Starts the bare server on `databaseUrl`, which the real server must already have migrated and seeded. */
export async function startBareCreatorPage(databaseUrl: string): Promise<BareCreatorPage> {
  const child = await startChild<{ url: string }>(SCRIPT, [], { DATABASE_URL: databaseUrl });
  const { url } = child.ready;
  return {
    url,
    pageUrl: (handle) => `${url}/page?handle=${encodeURIComponent(handle)}`,
    stop: () => child.stop(),
  };
}

async function sideBySide(databaseUrl: string): Promise<Record<string, string>> {
  const real = await startChild<SeededServer>(SEEDED_SERVER, ['--posts', '40'], {
    DATABASE_URL: databaseUrl,
  });
  const bare = await startBareCreatorPage(databaseUrl);
  try {
    const { url, handle } = real.ready;
    const realUrl = `${url}/trpc/creators.page?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ handle })))}`;
    const realPage = superjson.deserialize<{ posts: { unlocksByFollowing?: boolean }[] }>(
      ((await (await fetch(realUrl)).json()) as { result: { data: never } }).result.data,
    );
    const barePage = (await (await fetch(bare.pageUrl(handle))).json()) as { posts: unknown[] };
    const expected = realPage.posts.map(({ unlocksByFollowing: _, ...post }) => post);
    if (JSON.stringify(expected) !== JSON.stringify(barePage.posts)) {
      throw new Error('the bare page and creators.page disagree on the posts');
    }
    const results: Record<string, string> = {};
    for (const [label, target] of [
      ['server creators.page (tRPC)', realUrl],
      ['bare node:http + pg peer', bare.pageUrl(handle)],
    ] as const) {
      await autocannon({ url: target, connections: 10, duration: 2 }); // warm-up
      const r = await autocannon({
        url: target,
        connections: 10,
        duration: Number(process.env.BENCH_DURATION ?? 10),
      });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      results[`${label}, PostgreSQL, anonymous (10 connections)`] =
        `${Math.round(r.requests.average).toLocaleString('en-US')} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`;
    }
    return results;
  } finally {
    await bare.stop();
    await real.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outcome = await withScratchPostgres(sideBySide);
  console.table('skipped' in outcome ? { 'bare creator page': outcome.skipped } : outcome.result);
}
