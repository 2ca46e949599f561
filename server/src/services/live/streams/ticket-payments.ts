import { sql } from 'kysely';
import { amount, type Amount, type Currency } from '@shared/domain/money';
import type { Queryable } from '../../../db/queryable';

/** The ticket payment of a fan's that may still open a stream: pending, or settled and not refunded in full. */
export interface LiveTicketPayment {
  readonly idempotencyKey: string;
  readonly amount: Amount;
}

/** The reads over a fan's ticket payments that selling a ticket needs (the payments service writes them). */
export class TicketPayments {
  /** The one live ticket payment of a fan's for a stream (`payments_one_live_ticket_idx`), if any. */
  async live(q: Queryable, fanId: string, streamId: string): Promise<LiveTicketPayment | undefined> {
    const { rows } = await sql<{ idempotency_key: string; currency: Currency; amount: string }>`
      SELECT idempotency_key, currency, amount FROM payments
      WHERE fan_id = ${fanId} AND item_id = ${streamId} AND source = 'ticket'
        AND status IN ('pending', 'succeeded') AND amount_refunded < amount`.execute(q);
    const row = rows[0];
    return row && { idempotencyKey: row.idempotency_key, amount: amount(row.currency, BigInt(row.amount)) };
  }
}
