import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { MediaKind, MediaStatus } from '@shared/domain/media/media';
import type { Queryable } from '../../db/queryable';
import type { Database, MediaTable } from '../../db/schema';

export type MediaRow = Selectable<MediaTable>;
export type MediaColumns = Updateable<MediaTable>;

/** A new upload's row: what its studio declared. */
export interface NewMediaRow {
  readonly id: string;
  readonly creator_id: string;
  readonly kind: MediaKind;
  readonly filename: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly upload_id: string;
}

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
 * The `media` table. Other features read it through `findMany`: a post's page asks for its items in one query,
 * then checks `status === 'ready'` and `creatorId` itself; deleted items are left out, as if they did not exist.
 * The rest is the media feature's own (uploads, processing, delivery).
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

  /**
   * One item for delivery (as `findMany` reads it), and whether it is in a post of its creator that fans may
   * see at `now` (published, not deleted, not past its expiry): only then are its public renditions public.
   */
  async findForDelivery(
    id: string,
    now: Date,
  ): Promise<(MediaRecord & { readonly inVisiblePost: boolean }) | undefined> {
    const row = await this.db
      .selectFrom('media')
      .select(['id', 'creator_id', 'kind', 'status', 'width', 'height', 'duration_ms', 'renditions'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('post_media')
              .innerJoin('posts', 'posts.id', 'post_media.post_id')
              .select(sql<number>`1`.as('one'))
              .whereRef('post_media.media_id', '=', 'media.id')
              .whereRef('posts.creator_id', '=', 'media.creator_id')
              .where('posts.status', '=', 'published')
              .where('posts.deleted_at', 'is', null)
              .where((post) =>
                post.or([post('posts.expires_at', 'is', null), post('posts.expires_at', '>', now)]),
              ),
          )
          .as('in_visible_post'),
      )
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      creatorId: row.creator_id,
      kind: row.kind,
      status: row.status,
      width: row.width,
      height: row.height,
      durationMs: row.duration_ms,
      renditions: row.renditions,
      inVisiblePost: Boolean(row.in_visible_post),
    };
  }

  /** Inserts an upload's row (`uploading`); false when an item with this id exists already (anyone's). */
  async insertUploading(trx: Queryable, row: NewMediaRow): Promise<MediaRow | null> {
    const inserted = await trx
      .insertInto('media')
      .values({ ...row, status: 'uploading', renditions: '{}' })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    return inserted ?? null;
  }

  find(q: Queryable, id: string): Promise<MediaRow | undefined> {
    return q.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The item an open tus upload belongs to. */
  findByUpload(q: Queryable, uploadId: string): Promise<MediaRow | undefined> {
    return q.selectFrom('media').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();
  }

  /** Row-locked until the caller's transaction ends: status changes are decided on the locked row. */
  lock(trx: Queryable, id: string): Promise<MediaRow | undefined> {
    return trx.selectFrom('media').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  update(trx: Queryable, id: string, set: MediaColumns): Promise<MediaRow> {
    return trx.updateTable('media').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  async delete(trx: Queryable, id: string): Promise<void> {
    await trx.deleteFrom('media').where('id', '=', id).execute();
  }

  /**
   * What the creator's media takes of their quota: every item not failed or deleted, at its declared size, but
   * `exceptId` (an item being uploaded again). Takes a transaction-scoped lock per creator first, so two uploads
   * opened at once are counted one after the other (the second sees the first) instead of both passing.
   */
  async lockAndSumQuota(trx: Queryable, creatorId: string, exceptId: string): Promise<number> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`media-quota:${creatorId}`}, 0))`.execute(trx);
    const { used } = await trx
      .selectFrom('media')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('bytes'), sql<string>`0`).as('used'))
      .where('creator_id', '=', creatorId)
      .where('status', '!=', 'failed')
      .where('deleted_at', 'is', null)
      .where('id', '!=', exceptId)
      .executeTakeFirstOrThrow();
    return Number(used);
  }

  /** Opens an item's row again for a new upload (its last one failed, or was lost): as new, `uploading`. */
  reopen(trx: Queryable, row: NewMediaRow): Promise<MediaRow> {
    return this.update(trx, row.id, {
      kind: row.kind,
      filename: row.filename,
      sha256: row.sha256,
      bytes: row.bytes,
      upload_id: row.upload_id,
      status: 'uploading',
      failure: null,
      renditions: '{}',
      width: null,
      height: null,
      duration_ms: null,
      ready_at: null,
    });
  }

  /** The creator's items, newest first (deleted ones left out). */
  listOfCreator(creatorId: string, limit: number): Promise<MediaRow[]> {
    return this.db
      .selectFrom('media')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
