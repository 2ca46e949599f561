import { sql, type Kysely, type Transaction } from 'kysely';
import type { PostSnapshot } from '@shared/domain/posts/post';
import type { PullPage } from '@shared/domain/sync/protocol';
import type { PubSub } from '../../adapters/pubsub';
import type { Database } from '../../db/schema';

export type NewChange =
  | { readonly entity: 'post'; readonly op: 'upsert'; readonly id: string; readonly data: PostSnapshot }
  | { readonly entity: 'post'; readonly op: 'delete'; readonly id: string; readonly data: null };

/** A new last seq for an account, announced after its transaction committed. */
export interface ChangeNotice {
  readonly seq: number;
}

const channelOf = (accountId: string) => `changes:${accountId}`;

/**
 * The per-account change feed: gap-free seqs, read by `sync.pull`, announced through the pubsub adapter.
 */
export class ChangeFeed {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly pubsub: PubSub,
  ) {}

  /**
   * Appends one change in the caller's transaction and returns its seq. Incrementing the account's counter
   * row-locks the account, so concurrent writers for one account queue up and seqs never skip or repeat.
   */
  async append(
    trx: Transaction<Database>,
    accountId: string,
    change: NewChange,
    mutationId: string | null,
  ): Promise<number> {
    const { change_seq: seq } = await trx
      .updateTable('accounts')
      .set((eb) => ({ change_seq: eb('change_seq', '+', 1) }))
      .where('id', '=', accountId)
      .returning('change_seq')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('changes')
      .values({
        account_id: accountId,
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

  /** Tells subscribers a new last seq exists; call only after the transaction committed. */
  announce(accountId: string, seq: number): void {
    this.pubsub.publish(channelOf(accountId), { seq } satisfies ChangeNotice);
  }

  /** Calls `listener` with each new last seq of the account. */
  listen(accountId: string, listener: (notice: ChangeNotice) => void): () => void {
    return this.pubsub.subscribe(channelOf(accountId), (message) => listener(message as ChangeNotice));
  }

  /** The account's last seq (0 before its first change). */
  async lastSeq(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('accounts')
      .select('change_seq')
      .where('id', '=', accountId)
      .executeTakeFirst();
    return row?.change_seq ?? 0;
  }

  /**
   * One page of the account's changes after `after`, oldest first, as JSON text the database builds (see
   * `PullPage`). `hasMore` compares with the account's last seq, read in the same statement.
   */
  async pull(accountId: string, after: number, limit: number): Promise<PullPage> {
    const { rows } = await sql<{ changes: string; last: number | null; latest: number }>`
      SELECT coalesce(json_agg(json_build_object('seq', c.seq, 'entity', c.entity, 'op', c.op,
               'id', c.entity_id, 'data', c.data) ORDER BY c.seq), '[]')::text AS changes,
             max(c.seq) AS last,
             (SELECT change_seq FROM accounts WHERE id = ${accountId}) AS latest
      FROM (SELECT seq, entity, op, entity_id, data FROM changes
            WHERE account_id = ${accountId} AND seq > ${after} ORDER BY seq LIMIT ${limit}) AS c
    `.execute(this.db);
    const row = rows[0];
    const cursor = row?.last ?? after;
    return { changesJson: row?.changes ?? '[]', cursor, hasMore: cursor < (row?.latest ?? 0) };
  }
}
