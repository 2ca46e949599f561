/**
 * The viewers bench's RTMP peer: Debian's nginx with `libnginx-mod-rtmp` (`apt-get install nginx
 * libnginx-mod-rtmp`), one worker process (our relay is one Node process), `live on`, run in the foreground
 * from a temp folder (`-p`/`-c`; no systemd). Debian's module has no HTTP-FLV: viewers play over RTMP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX = process.env.BENCH_NGINX ?? '/usr/sbin/nginx';
export const NGINX_RTMP_MODULE =
  process.env.BENCH_NGINX_RTMP_MODULE ?? '/usr/lib/nginx/modules/ngx_rtmp_module.so';

/** Why nginx-rtmp cannot run here, in words, or null. */
export function nginxRtmpMissing(): string | null {
  if (!existsSync(NGINX)) return `no nginx at ${NGINX} (apt-get install -y nginx libnginx-mod-rtmp)`;
  if (!existsSync(NGINX_RTMP_MODULE)) {
    return `no RTMP module at ${NGINX_RTMP_MODULE} (apt-get install -y libnginx-mod-rtmp)`;
  }
  return null;
}

export interface NginxRtmp {
  readonly port: number;
  readonly pids: () => number[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export async function startNginxRtmp(): Promise<NginxRtmp> {
  const dir = mkdtempSync(join(tmpdir(), 'mesi-bench-nginx-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      `load_module ${NGINX_RTMP_MODULE};`,
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 8192; }',
      `rtmp { server { listen 127.0.0.1:${port}; chunk_size 4096; application live { live on; } } }`,
      '',
    ].join('\n'),
  );
  const nginx: ChildProcess = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => nginx.once('exit', () => resolve()));
  for (let tries = 0; !(await answers(port)); tries++) {
    if (tries > 50 || nginx.exitCode !== null)
      throw new Error(`nginx did not listen on ${port} (see ${dir}/error.log)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    // The master and its worker (the worker does the work).
    pids: () => {
      try {
        const children = readFileSync(`/proc/${nginx.pid}/task/${nginx.pid}/children`, 'utf8');
        return [nginx.pid!, ...children.trim().split(/\s+/).filter(Boolean).map(Number)];
      } catch {
        return [nginx.pid!];
      }
    },
    async stop() {
      nginx.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
