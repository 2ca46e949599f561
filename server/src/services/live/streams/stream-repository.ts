import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Queryable } from '../../../db/queryable';
import type { Database, LiveStreamsTable } from '../../../db/schema';

export type StreamRow = Selectable<LiveStreamsTable>;
export type NewStreamRow = Insertable<LiveStreamsTable>;
export type StreamColumns = Omit<
  Updateable<LiveStreamsTable>,
  'id' | 'creator_id' | 'created_at' | 'version'
>;

/**
 * The `live_streams` table. While a stream is live, `ended_at` holds when its publisher went away (null while
 * one is connected): the stream ends at that moment unless the publisher comes back within the grace, so the
 * grace job can tell the drop it was scheduled for from a later one.
 */
export class StreamRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(q: Queryable, row: NewStreamRow): Promise<StreamRow> {
    return q.insertInto('live_streams').values(row).returningAll().executeTakeFirstOrThrow();
  }

  find(q: Queryable, id: string): Promise<StreamRow | undefined> {
    return q.selectFrom('live_streams').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A stream, row-locked until the caller's transaction ends. */
  lock(trx: Queryable, id: string): Promise<StreamRow | undefined> {
    return trx.selectFrom('live_streams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** Changes a stream's columns and bumps its version. */
  update(q: Queryable, id: string, columns: StreamColumns): Promise<StreamRow> {
    return q
      .updateTable('live_streams')
      .set((eb) => ({ ...columns, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Every stream of a creator: live first, then upcoming by their planned time, then past ones, newest first. */
  ofCreator(creatorId: string, limit: number): Promise<StreamRow[]> {
    return this.db
      .selectFrom('live_streams')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .orderBy((eb) =>
        eb.case().when('status', '=', 'live').then(0).when('status', '=', 'scheduled').then(1).else(2).end(),
      )
      .orderBy('scheduled_for', 'asc')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** A creator's streams fans may see coming or join now: live first, then scheduled by their planned time. */
  upcomingOfCreator(creatorId: string, limit: number): Promise<StreamRow[]> {
    return this.db
      .selectFrom('live_streams')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .where('status', 'in', ['live', 'scheduled'])
      .orderBy((eb) => eb.case().when('status', '=', 'live').then(0).else(1).end())
      .orderBy('scheduled_for', 'asc')
      .orderBy('created_at', 'asc')
      .limit(limit)
      .execute();
  }
}
