import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const LISTENING = /Mesi server listening on (http:\/\/\S+)/;
/** Names a migrated PGlite folder (server-template.ts) that a first start on an empty data folder copies. */
export const PGLITE_TEMPLATE_ENV = 'MESI_TEST_PGLITE_TEMPLATE';

export interface ServerProcessOptions {
  /** The server's data folder (its PGlite database lives here): reuse one per test file, first start is slow. */
  readonly dataDir: string;
  /** Use PostgreSQL instead of PGlite. */
  readonly databaseUrl?: string;
  readonly startTimeoutMs?: number;
}

/**
 * The real companion server as a child process, for tests: start, SIGKILL, restart on the same data folder
 * and port. Runs `node --import tsx server/src/index.ts` directly so a kill reaches the server itself.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private port = 0;
  private output = '';
  url = '';

  constructor(private readonly options: ServerProcessOptions) {}

  /** Starts the server (on the port it had before, if any) and resolves with its URL once it listens. */
  async start(): Promise<string> {
    if (this.child) throw new Error('The server is already running');
    this.seedDatabase();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.options.dataDir,
      NODE_ENV: 'test',
      // No relay unless the test streams (it chose the relay's ports, to push across a restart): each start
      // would load node-media-server, and a restart keeps PORT, which would put the relay on its fixed defaults
      // (1935 and 8000), where test files running at once collide.
      LIVE_RELAY: process.env.LIVE_RELAY ?? (process.env.RTMP_PORT ? 'on' : 'off'),
      RTMP_PORT: process.env.RTMP_PORT ?? '0',
      LIVE_HTTP_PORT: process.env.LIVE_HTTP_PORT ?? '0',
    };
    delete env.DATABASE_URL;
    if (this.options.databaseUrl) env.DATABASE_URL = this.options.databaseUrl;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    });
    this.url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`The server did not start in time. Output:\n${this.output}`)),
        this.options.startTimeoutMs ?? 90_000,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = LISTENING.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The server exited (${code ?? signal}) before listening. Output:\n${this.output}`));
      });
    });
    this.port = Number(new URL(this.url).port);
    return this.url;
  }

  /** A first start on PGlite copies the template's database, when there is one, rather than making its own. */
  private seedDatabase(): void {
    const template = process.env[PGLITE_TEMPLATE_ENV];
    const target = join(this.options.dataDir, 'pglite');
    if (this.options.databaseUrl || !template || !existsSync(template) || existsSync(target)) return;
    cpSync(template, target, { recursive: true });
  }

  /** Kills the server at once, like a crash or a power cut (SIGKILL by default). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** Stops the server gracefully. */
  stop(): Promise<void> {
    return this.kill('SIGTERM');
  }

  async restart(): Promise<string> {
    await this.kill();
    return this.start();
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The server's recent stderr, for failure messages. */
  get log(): string {
    return this.output;
  }
}
