import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** True when Xvfb is installed (Debian's `xvfb`), so a real X11 screen can be captured in tests. */
export function hasXvfb(): boolean {
  return spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error === undefined;
}

/** A virtual X11 screen; Xvfb picks a free display number and writes it to fd 3 once ready. */
export class VirtualDisplay {
  private constructor(
    private readonly server: ChildProcess,
    readonly display: string,
  ) {}

  static start(size = '1280x720x24'): Promise<VirtualDisplay> {
    return new Promise((resolve, reject) => {
      const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', size, '-nolisten', 'tcp'], {
        stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      });
      let text = '';
      server.once('error', reject);
      server.once('exit', (code) => reject(new Error(`Xvfb exited with code ${code}`)));
      server.stdio[3]!.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (text.includes('\n')) resolve(new VirtualDisplay(server, `:${text.trim()}`));
      });
    });
  }

  stop(): void {
    this.server.kill('SIGTERM');
  }
}
