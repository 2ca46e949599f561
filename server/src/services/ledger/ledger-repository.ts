import { sql } from 'kysely';
import type { Currency } from '@shared/domain/money';
import { preparedStatement, runPrepared } from '../../db/prepared-statements';
import type { Queryable } from '../../db/queryable';

export interface OperationRow {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly kind: string;
  readonly source: string | null;
  readonly creatorId: string | null;
  readonly fanId: string | null;
  readonly paymentId: string | null;
  readonly fingerprint: string;
}

export interface TransferRow {
  readonly debit: string;
  readonly credit: string;
  readonly currency: Currency;
  readonly amount: bigint;
}

const INSERT_OPERATIONS = preparedStatement(
  `INSERT INTO ledger_operations (id, idempotency_key, kind, source, creator_id, fan_id, payment_id, fingerprint)
   SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[])
   ON CONFLICT (idempotency_key) DO NOTHING
   RETURNING id`,
);

const INSERT_TRANSFERS = preparedStatement(
  `INSERT INTO ledger_transfers (operation_id, debit, credit, currency, amount)
   SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::numeric[])`,
);

/** The ledger's two tables, `ledger_operations` and `ledger_transfers`: inserts and sums, never updates. */
export class LedgerRepository {
  /** Inserts the operation unless its idempotency key exists; true when this call inserted it. */
  async insertOperation(q: Queryable, row: OperationRow): Promise<boolean> {
    const inserted = await q
      .insertInto('ledger_operations')
      .values({
        id: row.id,
        idempotency_key: row.idempotencyKey,
        kind: row.kind,
        source: row.source,
        creator_id: row.creatorId,
        fan_id: row.fanId,
        payment_id: row.paymentId,
        fingerprint: row.fingerprint,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** Inserts many operations; returns the ids of those inserted (a key that exists is skipped). */
  async insertOperations(q: Queryable, rows: readonly OperationRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await runPrepared<{ id: string }>(q, INSERT_OPERATIONS, [
      rows.map((row) => row.id),
      rows.map((row) => row.idempotencyKey),
      rows.map((row) => row.kind),
      rows.map((row) => row.source),
      rows.map((row) => row.creatorId),
      rows.map((row) => row.fanId),
      rows.map((row) => row.paymentId),
      rows.map((row) => row.fingerprint),
    ]);
    return inserted.map((row) => row.id);
  }

  /** Inserts the transfers of many operations in one statement. */
  async insertTransferRows(
    q: Queryable,
    rows: readonly (TransferRow & { operationId: string })[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await runPrepared(q, INSERT_TRANSFERS, [
      rows.map((t) => t.operationId),
      rows.map((t) => t.debit),
      rows.map((t) => t.credit),
      rows.map((t) => t.currency),
      rows.map((t) => t.amount.toString()),
    ]);
  }

  async findOperation(q: Queryable, idempotencyKey: string): Promise<OperationRow | undefined> {
    const row = await q
      .selectFrom('ledger_operations')
      .selectAll()
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        idempotencyKey: row.idempotency_key,
        kind: row.kind,
        source: row.source,
        creatorId: row.creator_id,
        fanId: row.fan_id,
        paymentId: row.payment_id,
        fingerprint: row.fingerprint,
      }
    );
  }

  async insertTransfers(q: Queryable, operationId: string, transfers: readonly TransferRow[]): Promise<void> {
    await q
      .insertInto('ledger_transfers')
      .values(
        transfers.map((t) => ({
          operation_id: operationId,
          debit: t.debit,
          credit: t.credit,
          currency: t.currency,
          amount: t.amount.toString(),
        })),
      )
      .execute();
  }

  async transfersOf(q: Queryable, operationId: string): Promise<TransferRow[]> {
    const rows = await q
      .selectFrom('ledger_transfers')
      .select(['debit', 'credit', 'currency', 'amount'])
      .where('operation_id', '=', operationId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, currency: r.currency as Currency, amount: BigInt(r.amount) }));
  }

  /** Credits minus debits of one account in one currency (two index range sums). */
  async balance(q: Queryable, account: string, currency: Currency): Promise<bigint> {
    const { rows } = await sql<{ balance: string | null }>`
      SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_transfers WHERE credit = ${account} AND currency = ${currency})
           - (SELECT coalesce(sum(amount), 0) FROM ledger_transfers WHERE debit = ${account} AND currency = ${currency})
           AS balance`.execute(q);
    return BigInt(rows[0]?.balance ?? '0');
  }

  /** Every account's balance per currency (the audit's full sum; admins and tests, not the payment path). */
  async allBalances(q: Queryable): Promise<{ account: string; currency: Currency; balance: bigint }[]> {
    const { rows } = await sql<{ account: string; currency: Currency; balance: string }>`
      SELECT account, currency, sum(delta) AS balance FROM (
        SELECT credit AS account, currency, amount AS delta FROM ledger_transfers
        UNION ALL
        SELECT debit AS account, currency, -amount AS delta FROM ledger_transfers
      ) moves GROUP BY account, currency`.execute(q);
    return rows.map((r) => ({ account: r.account, currency: r.currency, balance: BigInt(r.balance) }));
  }

  /** Operations that hold no transfer (each must hold at least one). */
  async emptyOperationCount(q: Queryable): Promise<number> {
    const { rows } = await sql<{ count: number | string }>`
      SELECT count(*) AS count FROM ledger_operations o
      WHERE NOT EXISTS (SELECT 1 FROM ledger_transfers t WHERE t.operation_id = o.id)`.execute(q);
    return Number(rows[0]?.count ?? 0);
  }
}
