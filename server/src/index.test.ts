import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mesi-server-process-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `tsx server/src/index.ts` as a real process; resolves with its URL once it printed the listening line. */
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repo,
    env: { ...process.env, TEST_DATABASE_URL: '', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  listening.catch(() => undefined); // a run that is expected to fail is awaited through `exited`
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe('the server process', () => {
  it('stops with exit code 1 and names the variable when the configuration is bad', async () => {
    const server = run({ PORT: 'abc', DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toContain(
      'Invalid configuration: PORT must be an integer 0..65535 (got "abc")',
    );
  });

  // How fast it starts and restarts is measured by `npm run bench` (bench/server-start.ts), not asserted here.
  it('prints its URL once ready, serves, and closes cleanly on SIGTERM, on a new and on an existing data folder', async () => {
    for (const folder of ['new data folder', 'existing data folder']) {
      const server = run({ PORT: '0', DATA_DIR: dataDir });
      const url = await server.listening;
      expect(server.output().stdout, folder).toBe(`Mesi server listening on ${url}\n`);
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });
});
