/**
 * Studio cold start: a fresh Node process imports the studio services, opens `studio.sqlite` and the active
 * account's database, runs pending migrations and is ready for the UI. Goal ≤ 300 ms.
 * Run alone: `npx tsx bench/studio-cold-start.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './support/process';
import { ms, summarize } from './support/stats';

interface Sample {
  importMs: number;
  openMs: number;
  sinceProcessStartMs: number;
}

async function child(dataDir: string, seedAccount: boolean): Promise<void> {
  const t0 = performance.now();
  const { createStudio } = await import('../src/main/studio/services');
  const { TestOnlyMemorySecretStore } =
    await import('../src/main/studio/secrets/test-only-memory-secret-store');
  const t1 = performance.now();
  const studio = await createStudio({ dataDir, secretStore: new TestOnlyMemorySecretStore() });
  const t2 = performance.now();
  if (seedAccount) {
    // Make the next start open an account database too, as a signed-in studio does.
    const { openDatabase } = await import('../src/main/studio/db/connection');
    const { studioMigrations } = await import('../src/main/studio/db/migrations/studio');
    const { AccountRegistry } = await import('../src/main/studio/accounts/account-registry');
    const db = openDatabase(join(dataDir, 'studio.sqlite'), studioMigrations);
    new AccountRegistry(db).saveAndActivate({
      id: '0190a6c2-7c1e-7000-8000-000000000001',
      serverUrl: 'http://127.0.0.1:9',
      email: 'bench@example.com',
      handle: 'bench',
      displayName: 'Bench',
      role: 'creator',
    });
    db.close();
  }
  await studio.close();
  const sample: Sample = { importMs: t1 - t0, openMs: t2 - t1, sinceProcessStartMs: t2 };
  console.log(JSON.stringify(sample));
}

export async function benchStudioColdStart(runs = 10): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  for (const variant of ['new data folder', 'signed-in account'] as const) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'mesi-bench-cold-'));
      if (variant === 'signed-in account') {
        await runChild<Sample>('bench/studio-cold-start.ts', ['--child', dataDir, '--seed']);
        await runChild<Sample>('bench/studio-cold-start.ts', ['--child', dataDir]); // migrate the account DB once
      }
      samples.push(await runChild<Sample>('bench/studio-cold-start.ts', ['--child', dataDir]));
      rmSync(dataDir, { recursive: true, force: true });
    }
    const open = summarize(samples.map((s) => s.openMs));
    const withImport = summarize(samples.map((s) => s.importMs + s.openMs));
    const total = summarize(samples.map((s) => s.sinceProcessStartMs));
    results[`studio cold start, ${variant}: open + migrate + ready`] =
      `${ms(open.median)} (min ${ms(open.min)}, max ${ms(open.max)})`;
    results[`studio cold start, ${variant}: + module import`] = `${ms(withImport.median)}`;
    results[`studio cold start, ${variant}: since process start`] = `${ms(total.median)}`;
  }
  return results;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4] === '--seed');
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchStudioColdStart());
}
