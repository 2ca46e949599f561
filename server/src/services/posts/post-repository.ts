import { CompiledQuery, type ExpressionBuilder, type Kysely } from 'kysely';
import { systemClock, type Clock } from '@shared/domain/clock';
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
    | 'publish_at'
    | 'expires_at'
    | 'time_zone'
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

/** A post fans may buy or tip: published, not expired and not deleted. */
export type SellableRow = Pick<PostRow, 'id' | 'creator_id' | 'title' | 'price_currency' | 'price_minor'>;

/**
 * What fans may see: published, not deleted, and not past its expiry. The expiry is checked here too, not only
 * by the job that marks the post `expired`, so a post is hidden on time even while that job waits its turn.
 */
function visibleToFans(eb: ExpressionBuilder<Database, 'posts'>, now: Date) {
  return eb.and([
    eb('status', '=', 'published'),
    eb('deleted_at', 'is', null),
    eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]),
  ]);
}

/** The `posts` table. */
export class PostRepository {
  #firstPageSql: string | null = null;

  /** `clock`: what "now" is for fans' reads (a post past its expiry is hidden). */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** The owner of a post fans may see (a tip or a purchase names a post: it must be one fans can see). */
  findPublishedOwner(q: Queryable, id: string): Promise<{ creator_id: string } | undefined> {
    const now = this.clock.now();
    return q
      .selectFrom('posts')
      .select('creator_id')
      .where('id', '=', id)
      .where((eb) => visibleToFans(eb, now))
      .executeTakeFirst();
  }

  /** A post fans may see, with its owner and price (what a purchase is charged from). */
  findPublished(q: Queryable, id: string): Promise<SellableRow | undefined> {
    const now = this.clock.now();
    return q
      .selectFrom('posts')
      .select(['id', 'creator_id', 'title', 'price_currency', 'price_minor'])
      .where('id', '=', id)
      .where((eb) => visibleToFans(eb, now))
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
   * Posts fans may see at `now`, newest first, `limit` of them after `after`. Keyset on (published_at, id):
   * posts published in the same millisecond are neither skipped nor repeated. The first page, read on every
   * visit to a creator's page, is built and compiled once and then run with each creator's parameters, as a
   * prepared statement.
   */
  async publishedPage(
    creatorId: string,
    after: PageCursor | null,
    limit: number,
    now: Date,
  ): Promise<PublishedRow[]> {
    if (after) return this.#publishedQuery(creatorId, after, limit, now).execute();
    if (this.#firstPageSql === null) {
      const compiled = this.#publishedQuery(creatorId, null, limit, now).compile();
      // The fixed text's parameters must be exactly these, in this order, for the raw run below.
      const expected = [creatorId, 'published', now, limit];
      if (
        compiled.parameters.length !== expected.length ||
        compiled.parameters.some((p, i) => p !== expected[i])
      ) {
        throw new Error('the first page query changed its parameters: update publishedPage');
      }
      this.#firstPageSql = preparedStatement(compiled.sql);
    }
    const query = CompiledQuery.raw(this.#firstPageSql, [creatorId, 'published', now, limit]);
    return (await this.db.executeQuery<PublishedRow>(query)).rows;
  }

  #publishedQuery(creatorId: string, after: PageCursor | null, limit: number, now: Date) {
    let query = this.db
      .selectFrom('posts')
      .select(['id', 'title', 'body', 'access_rule', 'price_currency', 'price_minor', 'published_at'])
      .where('creator_id', '=', creatorId)
      .where((eb) => visibleToFans(eb, now))
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
