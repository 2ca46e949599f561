/**
 * Sync pull-and-apply: a studio signs in to a server whose change feed holds 100,000 changes and catches up
 * (HTTP pages from the real server process, each applied in one SQLite transaction). Goal ≥ 20,000 changes/s.
 * Also the apply step alone (the same changes from memory), to show where the time goes.
 * Run alone: `npx tsx bench/sync-pull.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import { decodePullPage, type Change } from '@shared/domain/sync/protocol';
import type { AppRouter } from '../server/src/routers/index';
import { openDatabase } from '../src/main/studio/db/connection';
import { TestOnlyMemorySecretStore } from '../src/main/studio/secrets/test-only-memory-secret-store';
import { createStudio } from '../src/main/studio/services';
import { applyChanges } from '../src/main/studio/sync/apply-changes';
import type { SeededServer } from './fixtures/seeded-server';
import { withScratchPostgres } from './support/postgres';
import { startChild } from './support/process';
import { perSecond } from './support/stats';

export async function benchSyncPull(changes = 100_000): Promise<Record<string, string>> {
  const results = await benchSyncPullOn('PGlite', { DATABASE_URL: '' }, changes);
  const postgres = await withScratchPostgres((url) =>
    benchSyncPullOn('PostgreSQL', { DATABASE_URL: url }, changes, { applyOnly: false }),
  );
  if ('skipped' in postgres) results['sync pull-and-apply, PostgreSQL server'] = postgres.skipped;
  else Object.assign(results, postgres.result);
  return results;
}

async function benchSyncPullOn(
  label: string,
  env: NodeJS.ProcessEnv,
  changes: number,
  { applyOnly = true } = {},
): Promise<Record<string, string>> {
  const server = await startChild<SeededServer>(
    'bench/fixtures/seeded-server.ts',
    ['--changes', String(changes)],
    env,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'mesi-bench-sync-'));
  try {
    const { url, email, password, token } = server.ready;
    const studio = await createStudio({ dataDir, secretStore: new TestOnlyMemorySecretStore() });
    const caller = studio.router.createCaller(studio.createContext());
    await caller.accounts.signIn({ serverUrl: url, email, password });
    // Sign-in starts the sync engine in the background; time until the whole feed is applied.
    const started = performance.now();
    while (!(studio.state().sync.state === 'online' && studio.state().sync.lastSyncedAt)) {
      if (performance.now() - started > 300_000) throw new Error('sync did not finish within 300 s');
      await new Promise((r) => setTimeout(r, 5));
    }
    const endToEnd = performance.now() - started;
    const applied = (await caller.posts.list()).length;
    await studio.close();
    if (applied !== changes) throw new Error(`expected ${changes} posts in the studio, found ${applied}`);

    const results: Record<string, string> = {
      [`sync pull-and-apply, ${changes.toLocaleString('en-US')} changes, ${label} server, end to end`]: `${perSecond((changes / endToEnd) * 1000)} (${(endToEnd / 1000).toFixed(2)} s)`,
    };
    if (applyOnly) {
      const seconds = await timeApplyOnly(url, token, join(dataDir, 'apply-only.sqlite'));
      results['sync apply only (SQLite, pages of 5,000)'] =
        `${perSecond(changes / seconds)} (${seconds.toFixed(2)} s)`;
    }
    return results;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The apply step alone: fetch every page into memory first, then apply them to a fresh database. */
async function timeApplyOnly(url: string, token: string, file: string): Promise<number> {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        transformer: superjson,
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
  const db = openDatabase(file);
  const started = performance.now();
  for (const page of pages) applyChanges(db, page);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchSyncPull());
