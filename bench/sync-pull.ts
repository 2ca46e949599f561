/**
 * Sync pull-and-apply, side by side with its peer. A studio signs in to a server whose change feed holds
 * 100,000 post changes and catches up (HTTP pages from the real server process, each applied in one SQLite
 * transaction): the rate end to end, from a PostgreSQL server and from the embedded PGlite one. Beside it, in
 * the same run, on the same 100,000 posts: the studio's apply alone (pages from memory), and the peer, a raw
 * better-sqlite3 upsert of the same rows in one transaction, into the studio's own `posts` table and into a
 * bare table. Goal: end to end from PostgreSQL ≥ 0.5× the raw upsert into the studio's table.
 * Run alone: `npx tsx bench/sync-pull.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { PostSnapshot } from '@shared/domain/posts/post';
import { decodePullPage, type Change } from '@shared/domain/sync/protocol';
import type { AppRouter } from '../server/src/routers/index';
import { openAccountFeatures } from '../src/main/studio/account-features';
import { openDatabase } from '../src/main/studio/db/connection';
import { TestOnlyMemorySecretStore } from '../src/main/studio/secrets/test-only-memory-secret-store';
import { createStudio } from '../src/main/studio/services';
import { applyPage } from '../src/main/studio/sync/apply-page';
import { Outbox } from '../src/main/studio/sync/outbox';
import type { SeededServer } from './fixtures/seeded-server';
import { rawUpsertRate, rawUpsertRateBareTable } from './peers/raw-sqlite-upsert';
import { withScratchPostgres } from './support/postgres';
import { startChild } from './support/process';
import { perSecond } from './support/stats';

const rate = (count: number, seconds: number) => `${perSecond(count / seconds)} (${seconds.toFixed(2)} s)`;

export async function benchSyncPull(changes = 100_000): Promise<Record<string, string>> {
  const postgres = await withScratchPostgres((url) =>
    benchOn('PostgreSQL', { DATABASE_URL: url }, changes, true),
  );
  const results: Record<string, string> =
    'skipped' in postgres ? { 'sync pull-and-apply, PostgreSQL server': postgres.skipped } : postgres.result;
  Object.assign(results, await benchOn('PGlite', { DATABASE_URL: '' }, changes, false));
  return results;
}

async function benchOn(
  label: string,
  env: NodeJS.ProcessEnv,
  changes: number,
  withPeers: boolean,
): Promise<Record<string, string>> {
  const server = await startChild<SeededServer>(
    'bench/fixtures/seeded-server.ts',
    ['--changes', String(changes)],
    env,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'mesi-bench-sync-'));
  try {
    const { url, email, password, token } = server.ready;
    const endToEnd = await timeCatchUp(url, email, password, join(dataDir, 'studio'), changes);
    const results: Record<string, string> = {
      [`sync pull-and-apply, ${changes.toLocaleString('en-US')} changes, ${label} server, end to end`]: rate(
        changes,
        endToEnd,
      ),
    };
    if (!withPeers) return results;

    const pages = await fetchAllPages(url, token);
    const posts = pages.flat().map((change) => change.data as PostSnapshot);
    const applyOnly = timeApplyOnly(pages, join(dataDir, 'apply-only.sqlite'));
    const raw = rawUpsertRate(posts, join(dataDir, 'raw.sqlite'));
    const bare = rawUpsertRateBareTable(posts, join(dataDir, 'bare.sqlite'));
    const ratio = (seconds: number, peer: number) => `${(peer / seconds).toFixed(2)}×`;
    return {
      ...results,
      'sync apply only (pages of 5,000 from memory)': rate(changes, applyOnly),
      "peer: raw better-sqlite3 upsert, studio's posts table, one transaction": rate(changes, raw.seconds),
      'peer: raw better-sqlite3 upsert, bare table, one transaction': rate(changes, bare.seconds),
      'end to end ÷ raw upsert (studio table) [goal ≥ 0.5×]': ratio(endToEnd, raw.seconds),
      'end to end ÷ raw upsert (bare table)': ratio(endToEnd, bare.seconds),
      'apply only ÷ raw upsert (studio table)': ratio(applyOnly, raw.seconds),
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Signs a fresh studio in and times until the whole feed is applied (sign-in starts sync in the background). */
async function timeCatchUp(url: string, email: string, password: string, dataDir: string, changes: number) {
  const studio = await createStudio({ dataDir, secretStore: new TestOnlyMemorySecretStore() });
  try {
    const caller = studio.router.createCaller(studio.createContext());
    const account = await caller.accounts.signIn({ serverUrl: url, email, password });
    const started = performance.now();
    while (!(studio.state().sync.state === 'online' && studio.state().sync.lastSyncedAt)) {
      if (performance.now() - started > 300_000) throw new Error('sync did not finish within 300 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seconds = (performance.now() - started) / 1000;
    const applied = (await caller.posts.list({ accountId: account.id })).length;
    if (applied !== changes) throw new Error(`expected ${changes} posts in the studio, found ${applied}`);
    return seconds;
  } finally {
    await studio.close();
  }
}

async function fetchAllPages(url: string, token: string): Promise<Change[][]> {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        headers: { authorization: `Bearer ${token}` },
      }),
    ],
  });
  const pages: Change[][] = [];
  for (let after = 0, more = true; more;) {
    const page = decodePullPage(await client.sync.pull.query({ after, limit: 5000 }));
    pages.push([...page.changes]);
    after = page.cursor;
    more = page.hasMore;
  }
  return pages;
}

/** The studio's apply alone: the same pages, already in memory, through the account's kinds. */
function timeApplyOnly(pages: readonly Change[][], file: string): number {
  const db = openDatabase(file);
  const outbox = new Outbox(db);
  const account = {
    id: '018f0000-0000-7000-8000-0000000000be',
    serverUrl: 'http://bench.invalid',
    email: 'bench@example.test',
    handle: 'bench',
    displayName: 'Bench',
    role: 'creator' as const,
  };
  const { kinds } = openAccountFeatures({ db, outbox, account });
  const started = performance.now();
  for (const page of pages) applyPage(db, kinds, page, page.at(-1)?.seq ?? 0);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchSyncPull());
