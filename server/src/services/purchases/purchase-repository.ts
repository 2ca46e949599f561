import { sql } from 'kysely';
import { amount, type Amount, type Currency } from '@shared/domain/money';
import type { Queryable } from '../../db/queryable';
import type { PaymentStatusColumn } from '../../db/schema';

/** A fan's entitlement to an item (a post), opened by one payment, until that payment is refunded or disputed. */
export interface NewPurchase {
  readonly fanId: string;
  readonly itemId: string;
  readonly creatorId: string;
  readonly paymentId: string;
  readonly at: Date;
}

/** A pay-per-view payment of the fan's, with the post it bought, for their receipts. */
export interface ReceiptRecord {
  readonly paymentId: string;
  readonly postId: string;
  /** The post's title now (a deleted post keeps its last one). */
  readonly title: string | null;
  readonly amount: Amount;
  readonly refunded: Amount;
  readonly status: PaymentStatusColumn;
  readonly createdAt: Date;
  readonly settledAt: Date | null;
}

/** The pay-per-view payment of a fan's that may still open an item: pending, or settled and not refunded in full. */
export interface LivePayment {
  readonly idempotencyKey: string;
  readonly amount: Amount;
}

/**
 * The `purchases` table, and the reads over a fan's pay-per-view payments that buying needs (the `payments`
 * table stays written by the payments service alone).
 */
export class PurchaseRepository {
  /**
   * Opens the item for the fan: a new row, or a revoked one (refunded, disputed) opened again by this payment.
   * A live row is left alone, so settling the same payment twice writes once.
   */
  async grant(q: Queryable, p: NewPurchase): Promise<void> {
    await q
      .insertInto('purchases')
      .values({
        fan_id: p.fanId,
        item_id: p.itemId,
        creator_id: p.creatorId,
        payment_id: p.paymentId,
        revoked_at: null,
        created_at: p.at,
      })
      .onConflict((oc) =>
        oc
          .columns(['fan_id', 'item_id'])
          .doUpdateSet((eb) => ({
            creator_id: eb.ref('excluded.creator_id'),
            payment_id: eb.ref('excluded.payment_id'),
            revoked_at: null,
            created_at: eb.ref('excluded.created_at'),
          }))
          .where('purchases.revoked_at', 'is not', null),
      )
      .execute();
  }

  /** Takes back what this payment opened (a full refund, a dispute); a purchase a later payment opened stays. */
  async revoke(q: Queryable, fanId: string, itemId: string, paymentId: string, at: Date): Promise<void> {
    await q
      .updateTable('purchases')
      .set({ revoked_at: at })
      .where('fan_id', '=', fanId)
      .where('item_id', '=', itemId)
      .where('payment_id', '=', paymentId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** The payment behind the fan's live purchase of an item, if they hold one. */
  async live(q: Queryable, fanId: string, itemId: string): Promise<{ paymentId: string } | undefined> {
    const row = await q
      .selectFrom('purchases')
      .select('payment_id')
      .where('fan_id', '=', fanId)
      .where('item_id', '=', itemId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && { paymentId: row.payment_id };
  }

  /** The one live pay-per-view payment of a fan's for an item (`payments_one_live_ppv_idx`), if any. */
  async livePayment(q: Queryable, fanId: string, itemId: string): Promise<LivePayment | undefined> {
    const { rows } = await sql<{ idempotency_key: string; currency: Currency; amount: string }>`
      SELECT idempotency_key, currency, amount FROM payments
      WHERE fan_id = ${fanId} AND item_id = ${itemId} AND source = 'ppv'
        AND status IN ('pending', 'succeeded') AND amount_refunded < amount`.execute(q);
    const row = rows[0];
    return row && { idempotencyKey: row.idempotency_key, amount: amount(row.currency, BigInt(row.amount)) };
  }

  /** The fan's pay-per-view payments that went through (or may still), newest first. */
  async receipts(q: Queryable, fanId: string, limit: number): Promise<ReceiptRecord[]> {
    const { rows } = await sql<{
      id: string;
      item_id: string;
      title: string | null;
      currency: Currency;
      amount: string;
      amount_refunded: string;
      status: PaymentStatusColumn;
      created_at: Date;
      settled_at: Date | null;
    }>`
      SELECT p.id, p.item_id, posts.title, p.currency, p.amount, p.amount_refunded, p.status, p.created_at,
        p.settled_at
      FROM payments p LEFT JOIN posts ON posts.id = p.item_id::uuid
      WHERE p.fan_id = ${fanId} AND p.source = 'ppv' AND p.status <> 'failed'
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT ${limit}`.execute(q);
    return rows.map((r) => ({
      paymentId: r.id,
      postId: r.item_id,
      title: r.title,
      amount: amount(r.currency, BigInt(r.amount)),
      refunded: amount(r.currency, BigInt(r.amount_refunded)),
      status: r.status,
      createdAt: new Date(r.created_at),
      settledAt: r.settled_at === null ? null : new Date(r.settled_at),
    }));
  }
}
