import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGLITE_TEMPLATE_ENV, ServerProcess } from './server-process';

/**
 * The studio project's global setup: a server's first start on an empty folder runs PGlite's initdb and every
 * migration (about 6 of its 10 seconds here), and the studio's test files start over a dozen such servers. One
 * server starts and stops cleanly here, and each test server's first start copies its database folder instead
 * (the test workers inherit the variable that names it).
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'mesi-studio-server-template-'));
  const server = new ServerProcess({ dataDir: dir, startTimeoutMs: 120_000 });
  await server.start();
  await server.stop();
  process.env[PGLITE_TEMPLATE_ENV] = join(dir, 'pglite');
  return () => rmSync(dir, { recursive: true, force: true });
}
