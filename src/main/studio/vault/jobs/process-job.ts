import type Database from 'better-sqlite3';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { contentTypeOf } from '@shared/domain/media/media';
import type { Encoders } from '../../../../encoder/index';
import type { JobFolders, JobItems } from './job-inputs';
import type { JobRunner } from './job-queue';
import { planFor } from './rendition-plans';
import type { RenditionTable, VaultRendition } from './rendition-table';
import type { UploadTable } from './upload-table';

export interface ProcessJobDeps {
  readonly db: Database.Database;
  readonly items: JobItems;
  readonly folders: JobFolders;
  readonly renditions: RenditionTable;
  readonly uploads: UploadTable;
  /** Made on first use: a studio that never processes never looks for ffmpeg. */
  readonly encoders: () => Encoders;
  /** The creator's handle as the watermark says it (`@ada`), null when the account has none. */
  readonly watermarkText: string | null;
  /** The item's renditions are in place: queue what comes next (its upload). */
  readonly processed: (itemId: string) => void;
}

/**
 * Processes one item into its renditions. Files are written into a staging folder of their own
 * (`renditions/.<itemId>.partial/`), emptied at the start of every run, and moved into the item's folder only
 * once every step has succeeded; the rows are replaced in one transaction after. So a cancel, a failure or a
 * studio killed mid-way leaves neither half files nor rows, and a second run replaces the first's.
 */
export function processJob(deps: ProcessJobDeps): JobRunner {
  return async (job, { signal, progress }) => {
    const item = deps.items.get(job.itemId);
    if (!item) throw new Error('The item is no longer in the vault');
    if (item.deleted_at !== null) throw new Error('The item was deleted');
    const staging = deps.folders.resolve(`renditions/.${item.id}.partial`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    try {
      const result = await planFor(item.kind)({
        original: deps.folders.resolve(item.original_path),
        staging,
        watermark: item.watermark === 1 ? deps.watermarkText : null,
        encoders: deps.encoders(),
        signal,
        progress,
      });
      signal.throwIfAborted();
      const at = new Date().toISOString();
      const folder = deps.folders.renditionFolder(item.id);
      const rows: VaultRendition[] = [];
      for (const made of result.renditions) {
        const { size } = await stat(join(staging, made.file));
        rows.push({
          itemId: item.id,
          name: made.name,
          path: deps.folders.renditionPath(item.id, made.file),
          bytes: size,
          mime: contentTypeOf(made.file),
          width: made.width,
          height: made.height,
          durationMs: made.durationMs,
          createdAt: at,
        });
      }
      // Past this point the run no longer stops for a cancel: the files are whole and moving them is quick.
      for (const made of result.renditions) await rename(join(staging, made.file), join(folder, made.file));
      deps.db.transaction(() => {
        deps.renditions.replace(item.id, rows, result.facts, at);
        // The file an upload would send changed: an unfinished upload of the old one must not be resumed.
        deps.uploads.forget(item.id);
      })();
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    deps.processed(item.id);
  };
}
