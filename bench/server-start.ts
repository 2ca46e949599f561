/**
 * Server start: `server/src/index.ts` as its own process on the embedded PGlite database, from spawn to its
 * `listening on` line, first on a new data folder (create and migrate the database) and then restarted on the
 * same folder, as after a deploy or a crash. Each run answers `/healthz` and stops on SIGTERM before the next.
 * Run alone: `npx tsx bench/server-start.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ms, summarize } from './support/stats';

interface Sample {
  /** From spawn to the `listening on` line: module import, database open and migrations, HTTP listen. */
  readyMs: number;
  /** The server's own figure: database open and migrations, as it logs them. */
  databaseMs: number;
}

/** Starts the server on `dataDir`, waits until it listens, checks it serves, stops it; resolves with its timings. */
function startOnce(dataDir: string): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let listening = false;
  // 'close', not 'exit': by then stdout and stderr were read to the end.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return new Promise<Sample>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => {
      if (!listening) reject(new Error(`the server exited (${code}) before listening:\n${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (\S+)\n/.exec(stdout)?.[1];
      if (!url || listening) return;
      listening = true;
      const readyMs = performance.now() - started;
      void (async () => {
        const health = await fetch(`${url}/healthz`);
        if (!health.ok) throw new Error(`/healthz answered ${health.status}`);
        child.kill('SIGTERM');
        if ((await exited) !== 0) throw new Error(`the server did not stop cleanly:\n${stderr}`);
        // Read once the process is gone: its stderr line may arrive after the stdout one.
        const databaseMs = Number(/database ready in (\d+) ms/.exec(stderr)?.[1] ?? Number.NaN);
        resolve({ readyMs, databaseMs });
      })().catch((error: unknown) => {
        child.kill('SIGKILL');
        reject(error);
      });
    });
  });
}

export async function benchServerStart(runs = 5): Promise<Record<string, string>> {
  const fresh: Sample[] = [];
  const restarted: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'mesi-bench-server-start-'));
    try {
      fresh.push(await startOnce(dataDir));
      restarted.push(await startOnce(dataDir));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const results: Record<string, string> = {};
  for (const [variant, samples] of [
    ['new data folder', fresh],
    ['restart on the same data folder', restarted],
  ] as const) {
    const ready = summarize(samples.map((s) => s.readyMs));
    const database = summarize(samples.map((s) => s.databaseMs));
    results[`server start (PGlite), ${variant}: spawn to listening`] =
      `${ms(ready.median)} (min ${ms(ready.min)}, max ${ms(ready.max)})`;
    results[`server start (PGlite), ${variant}: database open + migrate`] = ms(database.median);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchServerStart());
}
