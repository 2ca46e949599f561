import type { Kysely, Transaction } from 'kysely';
import type { PostSnapshot } from '../../../../src/shared/domain/posts/post';
import type { Change, PullResponse } from '../../../../src/shared/domain/sync/protocol';
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

  /** One page of the account's changes after `after`, oldest first. */
  async pull(accountId: string, after: number, limit: number): Promise<PullResponse> {
    const rows = await this.db
      .selectFrom('changes')
      .select(['seq', 'entity', 'entity_id', 'op', 'data'])
      .where('account_id', '=', accountId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const changes = page.map((row): Change =>
      row.op === 'delete'
        ? { seq: row.seq, entity: 'post', op: 'delete', id: row.entity_id, data: null }
        : { seq: row.seq, entity: 'post', op: 'upsert', id: row.entity_id, data: row.data as PostSnapshot },
    );
    return { changes, cursor: page.at(-1)?.seq ?? after, hasMore: rows.length > limit };
  }
}
