import { CompiledQuery, type Kysely } from 'kysely';
import { preparedStatement } from '../../db/prepared-statements';
import type { Queryable } from '../../db/queryable';
import type { Database, PostRow } from '../../db/schema';

export type PostColumns = Partial<
  Pick<
    PostRow,
    | 'title'
    | 'body'
    | 'price_currency'
    | 'price_minor'
    | 'status'
    | 'published_at'
    | 'updated_at'
    | 'deleted_at'
  > & {
    access_rule: string;
  }
>;

/** Where a creator page continues: after the entry published at `publishedAt` with this id. */
export interface PageCursor {
  readonly publishedAt: Date;
  readonly id: string;
}

export type PublishedRow = Pick<
  PostRow,
  'id' | 'title' | 'body' | 'access_rule' | 'price_currency' | 'price_minor' | 'published_at'
>;

/** A post fans may buy or tip: published and not deleted. */
export type SellableRow = Pick<PostRow, 'id' | 'creator_id' | 'title' | 'price_currency' | 'price_minor'>;

/** The `posts` table. */
export class PostRepository {
  #firstPageSql: string | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** A published, not deleted post's owner (a tip or a purchase names a post: it must be one fans can see). */
  findPublishedOwner(q: Queryable, id: string): Promise<{ creator_id: string } | undefined> {
    return q
      .selectFrom('posts')
      .select('creator_id')
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** A published, not deleted post with its owner and price (what a purchase is charged from). */
  findPublished(q: Queryable, id: string): Promise<SellableRow | undefined> {
    return q
      .selectFrom('posts')
      .select(['id', 'creator_id', 'title', 'price_currency', 'price_minor'])
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** A post, row-locked until the caller's transaction ends. */
  lock(trx: Queryable, id: string): Promise<PostRow | undefined> {
    return trx.selectFrom('posts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  insert(trx: Queryable, row: PostRow & { access_rule: string }): Promise<PostRow> {
    return trx.insertInto('posts').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** Writes `set` and the next version. */
  update(trx: Queryable, row: PostRow, set: PostColumns): Promise<PostRow> {
    return trx
      .updateTable('posts')
      .set({ ...set, version: row.version + 1 })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A creator's posts that are not deleted, newest first. */
  listByCreator(creatorId: string): Promise<PostRow[]> {
    return this.db
      .selectFrom('posts')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /**
   * Published, not deleted posts, newest first, `limit` of them after `after`. Keyset on (published_at, id):
   * posts published in the same millisecond are neither skipped nor repeated. The first page, read on every
   * visit to a creator's page, is built and compiled once and then run with each creator's parameters, as a
   * prepared statement.
   */
  async publishedPage(creatorId: string, after: PageCursor | null, limit: number): Promise<PublishedRow[]> {
    if (after) return this.#publishedQuery(creatorId, after, limit).execute();
    this.#firstPageSql ??= preparedStatement(this.#publishedQuery(creatorId, null, limit).compile().sql);
    const query = CompiledQuery.raw(this.#firstPageSql, [creatorId, 'published', limit]);
    return (await this.db.executeQuery<PublishedRow>(query)).rows;
  }

  #publishedQuery(creatorId: string, after: PageCursor | null, limit: number) {
    let query = this.db
      .selectFrom('posts')
      .select(['id', 'title', 'body', 'access_rule', 'price_currency', 'price_minor', 'published_at'])
      .where('creator_id', '=', creatorId)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .where('published_at', 'is not', null);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('published_at', '<', after.publishedAt),
          eb.and([eb('published_at', '=', after.publishedAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    return query.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit);
  }
}
