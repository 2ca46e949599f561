import { sql, type Kysely } from 'kysely';
import type { PullPage } from '@shared/domain/sync/protocol';
import type { PubSub } from '../../adapters/pubsub';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';

/** One change to append: any kind's entity, as the server now has it (`upsert`) or gone (`delete`). */
export interface NewChange {
  readonly entity: string;
  readonly op: 'upsert' | 'delete';
  readonly id: string;
  /** The kind's snapshot; null for a delete. */
  readonly data: unknown;
}

/** A new last seq for a creator's feed, announced after its transaction committed. */
export interface ChangeNotice {
  readonly seq: number;
}

const channelOf = (ownerId: string) => `changes:${ownerId}`;

/**
 * The per-creator change feed (`change_feeds` and `changes`): gap-free seqs, read by `sync.pull`, announced
 * through the pubsub adapter. It carries every kind without knowing any.
 */
export class ChangeFeed {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly pubsub: PubSub,
  ) {}

  /**
   * Appends one change to the owner's feed in the caller's transaction and returns its seq. Taking the next
   * seq row-locks the owner's counter, so concurrent writers for one owner queue up and seqs never skip or
   * repeat; other owners' writers never meet that lock.
   */
  async append(
    trx: Queryable,
    ownerId: string,
    change: NewChange,
    mutationId: string | null,
  ): Promise<number> {
    const { last_seq: seq } = await trx
      .insertInto('change_feeds')
      .values({ account_id: ownerId, last_seq: 1 })
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet((eb) => ({ last_seq: eb('change_feeds.last_seq', '+', 1) })),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('changes')
      .values({
        account_id: ownerId,
        seq,
        entity: change.entity,
        entity_id: change.id,
        op: change.op,
        data: JSON.stringify(change.data),
        mutation_id: mutationId,
      })
      .execute();
    return seq;
  }

  /**
   * Appends several changes to one owner's feed with one bump of its counter (the feed outbox's batches).
   * `dataJson` is each change's snapshot as JSON text (or null for a delete). Returns the last seq.
   */
  async appendBatch(
    trx: Queryable,
    ownerId: string,
    changes: readonly { entity: string; op: 'upsert' | 'delete'; id: string; dataJson: string | null }[],
  ): Promise<number> {
    const { last_seq: last } = await trx
      .insertInto('change_feeds')
      .values({ account_id: ownerId, last_seq: changes.length })
      .onConflict((oc) =>
        oc
          .column('account_id')
          .doUpdateSet((eb) => ({ last_seq: eb('change_feeds.last_seq', '+', changes.length) })),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const first = last - changes.length + 1;
    await trx
      .insertInto('changes')
      .values(
        changes.map((change, index) => ({
          account_id: ownerId,
          seq: first + index,
          entity: change.entity,
          entity_id: change.id,
          op: change.op,
          data: change.dataJson ?? 'null',
          mutation_id: null,
        })),
      )
      .execute();
    return last;
  }

  /** Tells subscribers a new last seq exists; call only after the transaction committed. */
  announce(ownerId: string, seq: number): void {
    this.pubsub.publish(channelOf(ownerId), { seq } satisfies ChangeNotice);
  }

  /** Calls `listener` with each new last seq of the owner's feed. */
  listen(ownerId: string, listener: (notice: ChangeNotice) => void): () => void {
    return this.pubsub.subscribe(channelOf(ownerId), (message) => listener(message as ChangeNotice));
  }

  /** Resolves once `listen` hears every later announce for the owner (over Redis, after a round trip). */
  async listening(ownerId: string): Promise<void> {
    await this.pubsub.ready?.(channelOf(ownerId));
  }

  /** The owner's last seq (0 before their first change). */
  async lastSeq(ownerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('change_feeds')
      .select('last_seq')
      .where('account_id', '=', ownerId)
      .executeTakeFirst();
    return row?.last_seq ?? 0;
  }

  /**
   * One page of the owner's changes after `after`, oldest first, as one JSON text (see `PullPage`). The stored
   * `json` data is read as text and spliced in, never parsed: building the page here from plain rows took half
   * the time of building it in SQL with `string_agg` (measured on pages of 5,000). One row past `limit` says
   * whether more follow.
   */
  async pull(ownerId: string, after: number, limit: number): Promise<PullPage> {
    const { rows } = await sql<{ seq: number; entity: string; op: string; entity_id: string; data: string }>`
      SELECT seq, entity, op, entity_id, data::text AS data FROM changes
      WHERE account_id = ${ownerId} AND seq > ${after} ORDER BY seq LIMIT ${limit + 1}
    `.execute(this.db);
    const count = Math.min(rows.length, limit);
    let changesJson = '[';
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      changesJson += `${i === 0 ? '' : ','}{"seq":${row.seq},"entity":${JSON.stringify(row.entity)},"op":"${row.op}","id":"${row.entity_id}","data":${row.data}}`;
    }
    changesJson += ']';
    return { changesJson, cursor: count > 0 ? rows[count - 1]!.seq : after, hasMore: rows.length > limit };
  }
}
