import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpegBriefly } from './ffmpeg-output';
import { partialNameFor } from '../output-file';

/**
 * A live push records each attempt into its own part (`<name>.part1.mkv`, `<name>.part2.mkv` …): a reconnect
 * restarts ffmpeg, and a new file is what a restarted Matroska muxer can write. The parts join into one file.
 */

/** The path of part `number` of recording `name` in `folder`. */
export function recordingPartPath(folder: string, name: string, number: number): string {
  return join(folder, `${name}.part${number}.mkv`);
}

/** The first part number from `from` on whose file does not exist yet (an earlier session's parts stay). */
export function nextFreePartNumber(folder: string, name: string, from = 1): number {
  let number = from;
  while (existsSync(recordingPartPath(folder, name, number))) number += 1;
  return number;
}

/** A line of the concat demuxer's list: the path quoted, a `'` inside closed, escaped and reopened. */
export function concatListLine(path: string): string {
  return `file '${path.replace(/'/g, "'\\''")}'`;
}

/** A joining that ffmpeg refused; the message ends with ffmpeg's own words. */
export class RecordingJoinError extends Error {
  override readonly name = 'RecordingJoinError';
}

/**
 * Joins `parts` (in order) into `output` with the concat demuxer, copying the streams (no re-encode: the parts
 * share their encoding). Written under a temporary name and renamed into place once whole.
 */
export async function joinRecordingParts(
  ffmpegPath: string,
  parts: readonly string[],
  output: string,
): Promise<void> {
  if (parts.length === 0) throw new RecordingJoinError('There is no recorded part to join.');
  const list = partialNameFor(`${output}.txt`);
  const partial = partialNameFor(output);
  try {
    await writeFile(list, parts.map(concatListLine).join('\n') + '\n');
    const run = await runFfmpegBriefly(
      ffmpegPath,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'concat',
        '-safe',
        '0',
        '-i',
        list,
        '-map',
        '0',
        '-c',
        'copy',
        partial,
      ],
      10 * 60_000,
    );
    if (run.code !== 0 || run.error) {
      throw new RecordingJoinError(
        `The recording's parts could not be joined: ${run.error ?? run.stderr.trim().split(/\r?\n/).slice(-3).join(' ')}`,
      );
    }
    await rename(partial, output);
  } finally {
    await rm(list, { force: true });
    await rm(partial, { force: true });
  }
}
