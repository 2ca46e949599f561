import { sql, type Selectable } from 'kysely';
import { amount, type Amount, type Currency } from '@shared/domain/money';
import type { PaymentSource } from '@shared/domain/money/ledger';
import { preparedStatement, runPrepared } from '../../db/prepared-statements';
import type { Queryable } from '../../db/queryable';
import type { PaymentStatusColumn, PaymentsTable } from '../../db/schema';

export type PaymentStatus = PaymentStatusColumn;

/** A fan's payment as the service works with it: amounts as `Amount`. */
export interface PaymentRecord {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly fanId: string;
  readonly creatorId: string;
  readonly source: PaymentSource;
  readonly itemId: string | null;
  readonly amount: Amount;
  readonly fee: Amount;
  readonly amountRefunded: Amount;
  readonly rail: string;
  readonly railCharge: string | null;
  readonly status: PaymentStatus;
  readonly failure: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
  readonly settledAt: Date | null;
}

export interface NewPayment {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly fanId: string;
  readonly creatorId: string;
  readonly source: PaymentSource;
  readonly itemId: string | null;
  readonly amount: Amount;
  readonly rail: string;
  readonly details: Readonly<Record<string, unknown>>;
}

function toRecord(row: Selectable<PaymentsTable>): PaymentRecord {
  const currency = row.currency as Currency;
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    fanId: row.fan_id,
    creatorId: row.creator_id,
    source: row.source,
    itemId: row.item_id,
    amount: amount(currency, BigInt(row.amount)),
    fee: amount(currency, BigInt(row.fee)),
    amountRefunded: amount(currency, BigInt(row.amount_refunded)),
    rail: row.rail,
    railCharge: row.rail_charge,
    status: row.status,
    failure: row.failure,
    details: row.details,
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}

const INSERT_PENDING = preparedStatement(
  `INSERT INTO payments (id, idempotency_key, fan_id, creator_id, source, item_id, currency, amount, rail, status, details)
   SELECT id, idempotency_key, fan_id, creator_id, source, item_id, currency, amount, rail, 'pending', details
   FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::numeric[],
               $9::text[], $10::jsonb[])
     AS t(id, idempotency_key, fan_id, creator_id, source, item_id, currency, amount, rail, details)
   ON CONFLICT (idempotency_key) DO NOTHING
   RETURNING id`,
);

const MARK_SUCCEEDED = preparedStatement(
  `UPDATE payments AS p SET status = 'succeeded', rail_charge = v.charge, fee = v.fee, settled_at = $4
   FROM unnest($1::uuid[], $2::text[], $3::numeric[]) AS v(id, charge, fee)
   WHERE p.id = v.id AND p.status = 'pending'
   RETURNING p.*`,
);

/** The `payments`, `rail_customers` and `rail_events` tables. */
export class PaymentRepository {
  /** Inserts a pending payment unless its idempotency key exists; true when this call inserted it. */
  async insertPending(q: Queryable, p: NewPayment): Promise<boolean> {
    const row = await q
      .insertInto('payments')
      .values({
        id: p.id,
        idempotency_key: p.idempotencyKey,
        fan_id: p.fanId,
        creator_id: p.creatorId,
        source: p.source,
        item_id: p.itemId,
        currency: p.amount.currency,
        amount: p.amount.minor.toString(),
        rail: p.rail,
        status: 'pending',
        details: JSON.stringify(p.details),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Inserts many pending payments; returns the ids of those inserted. A row whose key exists already, or
   * repeats the key of an earlier row in the same call (a retry racing its first try), is not inserted.
   */
  async insertPendingMany(q: Queryable, rows: readonly NewPayment[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await runPrepared<{ id: string }>(q, INSERT_PENDING, [
      rows.map((p) => p.id),
      rows.map((p) => p.idempotencyKey),
      rows.map((p) => p.fanId),
      rows.map((p) => p.creatorId),
      rows.map((p) => p.source),
      rows.map((p) => p.itemId),
      rows.map((p) => p.amount.currency),
      rows.map((p) => p.amount.minor.toString()),
      rows.map((p) => p.rail),
      rows.map((p) => JSON.stringify(p.details)),
    ]);
    return new Set(inserted.map((row) => row.id));
  }

  /** pending → succeeded for many payments in one statement; returns those that were pending. */
  async markSucceededMany(
    q: Queryable,
    rows: readonly { id: string; charge: string; fee: Amount }[],
    at: Date,
  ): Promise<PaymentRecord[]> {
    if (rows.length === 0) return [];
    const updated = await runPrepared<Selectable<PaymentsTable>>(q, MARK_SUCCEEDED, [
      rows.map((r) => r.id),
      rows.map((r) => r.charge),
      rows.map((r) => r.fee.minor.toString()),
      at,
    ]);
    return updated.map(toRecord);
  }

  /** The rail customers of many fans, by fan id. */
  async customersOf(q: Queryable, fanIds: readonly string[], rail: string): Promise<Map<string, string>> {
    if (fanIds.length === 0) return new Map();
    const rows = await q
      .selectFrom('rail_customers')
      .select(['fan_id', 'customer'])
      .where('rail', '=', rail)
      .where('fan_id', 'in', fanIds)
      .execute();
    return new Map(rows.map((r) => [r.fan_id, r.customer]));
  }

  async findByKey(q: Queryable, idempotencyKey: string): Promise<PaymentRecord | undefined> {
    const row = await q
      .selectFrom('payments')
      .selectAll()
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findById(q: Queryable, id: string, { lock = false } = {}): Promise<PaymentRecord | undefined> {
    const query = q.selectFrom('payments').selectAll().where('id', '=', id);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return row && toRecord(row);
  }

  async findByCharge(q: Queryable, rail: string, charge: string): Promise<PaymentRecord | undefined> {
    const row = await q
      .selectFrom('payments')
      .selectAll()
      .where('rail', '=', rail)
      .where('rail_charge', '=', charge)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** pending → failed, once. */
  async markFailed(q: Queryable, id: string, charge: string | null, failure: string): Promise<boolean> {
    const result = await q
      .updateTable('payments')
      .set({ status: 'failed', rail_charge: charge, failure })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async setRefunded(q: Queryable, id: string, refunded: Amount): Promise<void> {
    await q
      .updateTable('payments')
      .set({ amount_refunded: refunded.minor.toString() })
      .where('id', '=', id)
      .execute();
  }

  async setRefundRequests(q: Queryable, id: string, requests: Map<string, bigint>): Promise<void> {
    const stored = Object.fromEntries([...requests].map(([key, minor]) => [key, minor.toString()]));
    await q
      .updateTable('payments')
      .set({ details: sql<string>`jsonb_set(details, '{refundRequests}', ${JSON.stringify(stored)}::jsonb)` })
      .where('id', '=', id)
      .execute();
  }

  async markDisputed(q: Queryable, id: string, disputeDetails: Record<string, unknown>): Promise<void> {
    await q
      .updateTable('payments')
      .set({ status: 'disputed', details: sql<string>`details || ${JSON.stringify(disputeDetails)}::jsonb` })
      .where('id', '=', id)
      .execute();
  }

  async customerOf(q: Queryable, fanId: string, rail: string): Promise<string | undefined> {
    const row = await q
      .selectFrom('rail_customers')
      .select('customer')
      .where('fan_id', '=', fanId)
      .where('rail', '=', rail)
      .executeTakeFirst();
    return row?.customer;
  }

  async saveCustomer(q: Queryable, fanId: string, rail: string, customer: string): Promise<void> {
    await q
      .insertInto('rail_customers')
      .values({ fan_id: fanId, rail, customer })
      .onConflict((oc) => oc.columns(['fan_id', 'rail']).doNothing())
      .execute();
  }

  async hasEvent(q: Queryable, rail: string, eventId: string): Promise<boolean> {
    const row = await q
      .selectFrom('rail_events')
      .select('event_id')
      .where('rail', '=', rail)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Records a rail event by id; false when it was recorded before (a repeated delivery). */
  async recordEvent(q: Queryable, rail: string, eventId: string, type: string): Promise<boolean> {
    const row = await q
      .insertInto('rail_events')
      .values({ rail, event_id: eventId, type })
      .onConflict((oc) => oc.columns(['rail', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    return row !== undefined;
  }
}
