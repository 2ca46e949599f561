import type { Kysely } from 'kysely';
import type { MediaKind, MediaStatus } from '@shared/domain/media/media';
import type { Database } from '../../db/schema';

/** Where one rendition is stored and what it is. */
export interface StoredRendition {
  /** The store's key, `media/<creatorId>/<mediaId>/<file>`. */
  readonly key: string;
  readonly bytes: number;
  readonly contentType: string;
}

/** A media item as the features that show it (posts, later messages and Surprises) read it. */
export interface MediaRecord {
  readonly id: string;
  readonly creatorId: string;
  readonly kind: MediaKind;
  readonly status: MediaStatus;
  readonly width: number | null;
  readonly height: number | null;
  readonly durationMs: number | null;
  /** Rendition name (`full`, `poster`, `thumb`, `preview`) → where it is; empty until the item is `ready`. */
  readonly renditions: Readonly<Record<string, StoredRendition>>;
}

/**
 * The read side of the `media` table for other features: a post's page asks for its items in one query, then
 * checks `status === 'ready'` and `creatorId` itself. Deleted items are left out, as if they did not exist.
 */
export class MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The items among `ids` that exist and are not deleted, in no particular order (ids not found are absent). */
  async findMany(ids: readonly string[]): Promise<MediaRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('media')
      .select(['id', 'creator_id', 'kind', 'status', 'width', 'height', 'duration_ms', 'renditions'])
      .where('id', 'in', [...new Set(ids)])
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      creatorId: row.creator_id,
      kind: row.kind,
      status: row.status,
      width: row.width,
      height: row.height,
      durationMs: row.duration_ms,
      renditions: row.renditions,
    }));
  }
}
