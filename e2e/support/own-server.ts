import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Mesi server of a spec's own (`npm run server`'s entry, embedded PGlite), on a data folder kept across a
 * restart on the same port: for tests that stop the server (offline) or must not share its accounts and
 * attempt limits with the suite's `npm start`.
 */
export class OwnServer {
  dataDir = '';
  url = '';
  private child: ChildProcess | null = null;

  /**
   * `folderPrefix` names the temp data folder (`mesi-e2e-axe-`, …), so a leftover one says whose it is; `env` adds
   * to the server's environment (Stripe keys, for a spec of the Stripe card form).
   */
  constructor(
    private readonly folderPrefix: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  async start(): Promise<void> {
    if (this.child && this.child.exitCode === null) return; // already running
    // Made when first started (not when the file is loaded, which also happens just to list the tests).
    if (this.dataDir === '') this.dataDir = mkdtempSync(join(tmpdir(), this.folderPrefix));
    const port = this.url === '' ? '0' : new URL(this.url).port;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        // Free relay ports on every start: a restart keeps the HTTP port, and without these the relay would
        // take its defaults (1935, 8000), which another spec's server may hold.
        RTMP_PORT: '0',
        LIVE_HTTP_PORT: '0',
        ...this.env,
        NODE_ENV: 'test',
        PORT: port,
        DATA_DIR: this.dataDir,
        DATABASE_URL: '',
      },
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** Stops it and removes its data folder. */
  async remove(): Promise<void> {
    await this.stop();
    if (this.dataDir !== '') rmSync(this.dataDir, { recursive: true, force: true });
  }
}
