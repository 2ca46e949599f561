import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts what a newcomer starts: `npm start` (server with embedded PGlite + the studio in browser mode) on a
 * fresh data folder, with or without the demo data; sets E2E_SERVER_URL and E2E_STUDIO_URL for the tests and
 * E2E_MAIL_OUTBOX for the tests and
 * resolves with the function that stops it and removes the folder.
 */
export async function startMesi(opts: { demo: boolean; port?: number }): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mesi-e2e-'));
  const urlFile = join(dataDir, 'urls.json');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/start.ts',
      ...(opts.demo ? [] : ['--no-demo']),
      '--browser',
      '--data-dir',
      dataDir,
      '--port',
      String(opts.port ?? 0),
      '--url-file',
      urlFile,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'test' } },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 120_000;
  while (!existsSync(urlFile)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('npm start did not become ready within 120 s');
    await sleep(200);
  }
  const urls = JSON.parse(readFileSync(urlFile, 'utf8')) as {
    serverUrl: string;
    studioUrl: string;
    mailOutboxDir: string | null;
  };
  process.env.E2E_SERVER_URL = urls.serverUrl;
  process.env.E2E_STUDIO_URL = urls.studioUrl;
  // Where the server writes its mail (no SMTP_URL in the e2e run), for the password-reset tests.
  process.env.E2E_MAIL_OUTBOX = urls.mailOutboxDir ?? '';
  return async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
