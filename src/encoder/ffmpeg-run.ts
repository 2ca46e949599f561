import ffmpeg from 'fluent-ffmpeg';
import { ProgressParser, progressOf } from '@shared/domain/media/progress';
import { EncodeCancelledError, UnreadableMediaError, type JobOptions } from './encoder';
import type { FfmpegJob } from './ffmpeg-args';
import { writeAtomically } from './output-file';

/**
 * The one place fluent-ffmpeg is used (archived upstream: a direct `spawn` of `ffmpegArgv(job, output)` can
 * replace this file alone). fluent-ffmpeg keeps the binary's path in a module-wide cache (`setFfmpegPath`), so
 * every encoder of one process runs the same ffmpeg: the path is set before each run, from the encoder's own.
 */

/** ffmpeg exited with an error; `message` ends with its last log lines. */
export class FfmpegFailedError extends Error {
  override readonly name = 'FfmpegFailedError';
}

/** Adds options without fluent-ffmpeg splitting one that holds a space (it does for a lone `'-opt value'`). */
function withOptions(add: (...options: string[]) => unknown, options: readonly string[]): void {
  if (options.length === 0) return;
  if (options.length === 1 && options[0]!.split(' ').length === 2) {
    throw new Error(`An option alone with one space would be split by fluent-ffmpeg: ${options[0]}`);
  }
  add(...options);
}

/** The fluent-ffmpeg command for `job` writing `output` (not started). */
export function fluentCommand(ffmpegPath: string, job: FfmpegJob, output: string): ffmpeg.FfmpegCommand {
  const command = ffmpeg();
  command.setFfmpegPath(ffmpegPath);
  for (const input of job.inputs) {
    command.input(input.source);
    withOptions((...options) => command.inputOptions(...options), input.options);
  }
  command.output(output);
  withOptions((...options) => command.outputOptions(...options), job.outputOptions);
  return command;
}

/**
 * How long one ffmpeg run may take: four times the output's length (a 1080p transcode runs near real time on
 * two cores), at least 10 minutes, 30 minutes when the length is unknown. A file crafted to make ffmpeg work
 * for hours out of a few kilobytes ends there instead of holding the queue.
 */
export function timeLimitFor(totalMs: number | null): number {
  if (totalMs === null) return 30 * 60_000;
  return Math.max(10 * 60_000, 4 * totalMs);
}

/** The last lines ffmpeg logged, for an error message (progress blocks left out). */
class LogTail {
  private readonly lines: string[] = [];
  constructor(private readonly keep = 12) {}
  add(line: string): void {
    if (!line.trim() || /^[a-z_0-9]+=\S*$/.test(line.trim())) return;
    this.lines.push(line.trim());
    if (this.lines.length > this.keep) this.lines.shift();
  }
  toString(): string {
    return this.lines.join('\n');
  }
}

/** Runs `job` writing to a temporary name beside `output`, renamed into place once ffmpeg succeeded. */
export function runFfmpegJob(
  ffmpegPath: string,
  job: FfmpegJob,
  output: string,
  options: JobOptions = {},
): Promise<void> {
  return writeAtomically([output], ([partial]) => runToFile(ffmpegPath, job, partial!, options));
}

/**
 * Runs ffmpeg for `job` into `file`, reporting progress; an abort kills ffmpeg (SIGKILL: a cancelled job has
 * nothing worth finishing) and rejects with `EncodeCancelledError`. The caller removes `file` on failure.
 */
export function runToFile(
  ffmpegPath: string,
  job: FfmpegJob,
  file: string,
  options: JobOptions & { readonly timeLimitMs?: number } = {},
): Promise<void> {
  const { signal, onProgress } = options;
  const timeLimitMs = options.timeLimitMs ?? timeLimitFor(job.totalMs);
  if (signal?.aborted) return Promise.reject(new EncodeCancelledError());
  return new Promise<void>((resolve, reject) => {
    const command = fluentCommand(ffmpegPath, job, file);
    const parser = new ProgressParser();
    const tail = new LogTail();
    let started: number | null = null;
    let aborted = false;
    let timedOut = false;
    let finished = false;

    // fluent-ffmpeg's kill() does nothing before the process exists; a job aborted that early is killed on start.
    const kill = () => {
      aborted = true;
      if (started !== null) command.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeLimitMs);
    timer.unref();
    const settle = (error: Error | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      if (error) reject(error);
      else resolve();
    };
    signal?.addEventListener('abort', kill, { once: true });

    command.on('start', () => {
      started = performance.now();
      if (aborted) command.kill('SIGKILL');
    });
    command.on('stderr', (line: string) => {
      const sample = parser.push(line);
      if (sample === null) {
        tail.add(line);
        return;
      }
      if (onProgress && started !== null) {
        onProgress(progressOf(sample, { totalMs: job.totalMs, elapsedMs: performance.now() - started }));
      }
    });
    const stopped = () =>
      timedOut
        ? new UnreadableMediaError(
            `Processing took longer than ${Math.round(timeLimitMs / 60_000)} minutes and was stopped; the file may be damaged: export it again and import the new file`,
          )
        : new EncodeCancelledError();
    command.on('error', (error: Error) => {
      if (aborted) settle(stopped());
      else
        settle(
          new FfmpegFailedError(`ffmpeg failed: ${error.message.split('\n')[0]}\n${tail}`, { cause: error }),
        );
    });
    command.on('end', () => {
      if (aborted) settle(stopped());
      else settle(null);
    });
    command.run();
  });
}
