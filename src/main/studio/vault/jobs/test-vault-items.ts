import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { newId } from '@shared/domain/ids';
import type { MediaKind } from '@shared/domain/media/media';

/**
 * Test support: a `vault_items` row as an import would leave it (the original already copied to
 * `originalPath`, relative to the vault's originals folder), so job tests do not depend on the import code.
 */
export function insertTestItem(
  db: Database.Database,
  item: { kind: MediaKind; originalPath: string; bytes?: number; watermark?: boolean; id?: string },
): string {
  const id = item.id ?? newId();
  const at = new Date().toISOString();
  db.prepare(
    `INSERT INTO vault_items (id, kind, sha256, original_name, original_path, bytes, mime, title, watermark,
       created_at, updated_at)
     VALUES (@id, @kind, @sha256, @name, @path, @bytes, @mime, @title, @watermark, @at, @at)`,
  ).run({
    id,
    kind: item.kind,
    sha256: createHash('sha256').update(id).digest('hex'),
    name: item.originalPath.split('/').pop(),
    path: item.originalPath,
    bytes: item.bytes ?? 1,
    mime: item.kind === 'photo' ? 'image/jpeg' : item.kind === 'video' ? 'video/mp4' : 'audio/mpeg',
    title: `Test ${item.kind}`,
    watermark: item.watermark ? 1 : 0,
    at,
  });
  return id;
}

/** A job back in the queue, waiting (for the server, a connection…) rather than failed. */
export function isWaiting(job: { state: string; error: string | null }): boolean {
  return job.state === 'queued' && job.error !== null;
}
