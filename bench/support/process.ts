import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunningChild<T> {
  readonly child: ChildProcess;
  /** The first JSON line the child printed on stdout. */
  readonly ready: T;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript file in its own Node process (through tsx) and resolves with the first line it prints
 * that parses as JSON. Benchmarks keep the measured side and the load or the server in separate processes.
 */
export function startChild<T>(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<RunningChild<T>> {
  // BENCH_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the measured processes.
  const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      lines.close();
      child.stdout!.resume(); // keep draining so the child never blocks on a full pipe
      resolve({
        child,
        ready: JSON.parse(line) as T,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

/** Runs a child to completion and returns its JSON line. */
export async function runChild<T>(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  const running = await startChild<T>(script, args, env);
  await running.stop();
  return running.ready;
}
