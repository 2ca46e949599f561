import type { Kysely } from 'kysely';
import { RENDITION_FILES, type MediaKind, type MediaStatus } from '@shared/domain/media/media';
import { newId } from '@shared/domain/ids';
import type { Database } from '../../../db/schema';

export interface TestMedia {
  readonly id?: string;
  readonly creatorId: string;
  readonly kind?: MediaKind;
  readonly status: MediaStatus;
  readonly durationMs?: number | null;
}

/**
 * A media row as the media feature leaves it (made by an upload, processed): a ready item lists every
 * rendition its kind has, under the store's keys. Tests of posts stand in for the upload and processing here.
 */
export async function insertMedia(db: Kysely<Database>, media: TestMedia): Promise<string> {
  const id = media.id ?? newId();
  const kind = media.kind ?? 'video';
  const ready = media.status === 'ready';
  const renditions = ready
    ? Object.fromEntries(
        Object.entries(RENDITION_FILES[kind])
          .filter((entry): entry is [string, string] => entry[1] !== null)
          .map(([name, file]) => [
            name,
            { key: `media/${media.creatorId}/${id}/${file}`, bytes: 1000, contentType: 'video/mp4' },
          ]),
      )
    : {};
  await db
    .insertInto('media')
    .values({
      id,
      creator_id: media.creatorId,
      kind,
      status: media.status,
      failure: media.status === 'failed' ? 'ffmpeg could not read this file' : null,
      filename: `clip-${id}.mp4`,
      sha256: 'a'.repeat(64),
      bytes: 1000,
      upload_id: null,
      duration_ms: kind === 'photo' ? null : (media.durationMs ?? 3_000),
      width: ready ? 1280 : null,
      height: ready ? 720 : null,
      renditions: JSON.stringify(renditions),
      ready_at: ready ? new Date() : null,
    })
    .execute();
  return id;
}

/** Moves an item to `status`, as processing would (ready: with its renditions). */
export async function setMediaStatus(db: Kysely<Database>, id: string, status: MediaStatus): Promise<void> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  await db.deleteFrom('media').where('id', '=', id).execute();
  await insertMedia(db, {
    id,
    creatorId: row.creator_id,
    kind: row.kind,
    status,
    durationMs: row.duration_ms,
  });
}
