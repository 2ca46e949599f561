import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/**
 * Outputs are written under a temporary name in their own folder and renamed once complete, so a crash, a kill or
 * a failure never leaves a half-written file under the name a reader looks for (rename within a folder is atomic).
 * The temporary name keeps the extension (ffmpeg and sharp choose the format by it) and starts with a dot and
 * ends in `.partial<ext>`, so a sweep can find leftovers of a crash.
 */
export function partialNameFor(output: string): string {
  const extension = extname(output);
  const stem = basename(output, extension);
  return join(dirname(output), `.${stem}.${randomBytes(4).toString('hex')}.partial${extension}`);
}

/** Several outputs of one job: all renamed into place together, or all removed. */
export class PendingOutputs {
  private readonly pending = new Map<string, string>();

  /** The temporary path to write `output` to (its folder is created). */
  async add(output: string): Promise<string> {
    await mkdir(dirname(output), { recursive: true });
    const partial = partialNameFor(output);
    this.pending.set(output, partial);
    return partial;
  }

  async commit(): Promise<void> {
    for (const [output, partial] of this.pending) await rename(partial, output);
    this.pending.clear();
  }

  /** Removes every temporary file (the finished outputs of an earlier commit stay). */
  async discard(): Promise<void> {
    await Promise.all([...this.pending.values()].map((partial) => rm(partial, { force: true })));
    this.pending.clear();
  }
}

/** Runs `write` on temporary names for `outputs`, then renames them into place; on failure nothing is left. */
export async function writeAtomically<T>(
  outputs: readonly string[],
  write: (partials: string[]) => Promise<T>,
): Promise<T> {
  const pending = new PendingOutputs();
  try {
    const partials: string[] = [];
    for (const output of outputs) partials.push(await pending.add(output));
    const result = await write(partials);
    await pending.commit();
    return result;
  } catch (error) {
    await pending.discard();
    throw error;
  }
}
