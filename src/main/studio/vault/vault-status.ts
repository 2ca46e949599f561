import { readFile } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import type { VaultFolders } from './vault-folders';
import type { VaultJobStatus } from './vault-item';

/** Thumbnails larger than this are not inlined (a processing bug must not put megabytes on every list). */
const THUMB_INLINE_MAX_BYTES = 256 * 1024;

interface JobRow {
  item_id: string;
  kind: VaultJobStatus['kind'];
  state: VaultJobStatus['state'];
  progress: number;
  eta_ms: number | null;
  error: string | null;
}

interface ThumbRow {
  item_id: string;
  path: string;
  mime: string;
  bytes: number;
}

/**
 * What the job queue wrote about a page of items, read for their tiles: each one's latest job and its
 * thumbnail. Read-only: `vault_jobs` and `vault_renditions` are the queue's tables.
 */
export class VaultStatusReads {
  private readonly selectLatestJobs: Database.Statement<[string], JobRow>;
  private readonly selectThumbs: Database.Statement<[string], ThumbRow>;

  constructor(
    db: Database.Database,
    private readonly folders: VaultFolders,
  ) {
    // Ids go in as one JSON array: one statement for a page, whatever its size.
    this.selectLatestJobs = db.prepare(`SELECT item_id, kind, state, progress, eta_ms, error FROM (
        SELECT j.*, row_number() OVER (PARTITION BY item_id ORDER BY created_at DESC, id DESC) AS n
        FROM vault_jobs j WHERE item_id IN (SELECT value FROM json_each(?))
      ) WHERE n = 1`);
    this.selectThumbs = db.prepare(`SELECT item_id, path, mime, bytes FROM vault_renditions
      WHERE name = 'thumb' AND item_id IN (SELECT value FROM json_each(?))`);
  }

  /** Each item's latest job (by creation, then id), for the items that have one. */
  latestJobs(ids: readonly string[]): Map<string, VaultJobStatus> {
    const jobs = new Map<string, VaultJobStatus>();
    if (ids.length === 0) return jobs;
    for (const row of this.selectLatestJobs.all(JSON.stringify(ids))) {
      jobs.set(row.item_id, {
        kind: row.kind,
        state: row.state,
        progress: row.progress,
        etaMs: row.eta_ms,
        error: row.error,
      });
    }
    return jobs;
  }

  /** Each item's `thumb` rendition as a `data:` URL, for the items that have one on disk. */
  async thumbUrls(ids: readonly string[]): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    if (ids.length === 0) return urls;
    await Promise.all(
      this.selectThumbs.all(JSON.stringify(ids)).map(async (row) => {
        if (row.bytes > THUMB_INLINE_MAX_BYTES || !/^image\/[a-z0-9.+-]+$/.test(row.mime)) return;
        try {
          const bytes = await readFile(this.folders.resolve(row.path));
          if (bytes.length > THUMB_INLINE_MAX_BYTES) return;
          urls.set(row.item_id, `data:${row.mime};base64,${bytes.toString('base64')}`);
        } catch {
          // The file went missing (the queue will make it again): the tile shows no thumbnail meanwhile.
        }
      }),
    );
    return urls;
  }
}
