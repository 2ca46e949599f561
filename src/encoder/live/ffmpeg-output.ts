import { spawn } from 'node:child_process';

/** What a short ffmpeg run printed and how it ended (it never rejects: a listing run exits non-zero by design). */
export interface FfmpegOutput {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** It did not start (missing binary) or ran past its time limit. */
  readonly error: string | null;
}

/** Runs ffmpeg with `args` to the end (killed after `timeoutMs`), with nothing on its stdin. */
export function runFfmpegBriefly(
  ffmpegPath: string,
  args: readonly string[],
  timeoutMs = 15_000,
): Promise<FfmpegOutput> {
  return new Promise((resolve) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let error: string | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      error = `ffmpeg did not finish within ${Math.round(timeoutMs / 1000)} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (cause) => {
      error = `ffmpeg could not be started: ${cause.message}`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, error });
    });
  });
}
