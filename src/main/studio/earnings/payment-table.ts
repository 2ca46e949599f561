import type Database from 'better-sqlite3';
import type { PaymentSnapshot } from '@shared/domain/money/payment-kind';

/** The `payments` table of an account's database: the server's copy of fans' payments, read-only here. */
export class PaymentTable {
  private readonly upsertRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly selectAll: Database.Statement;

  constructor(db: Database.Database) {
    this.upsertRow =
      db.prepare(`INSERT INTO payments (id, source, item_id, fan_id, currency, amount, fee, refunded,
        status, settled_at, created_at)
      VALUES (@id, @source, @itemId, @fanId, @currency, @amount, @fee, @refunded, @status, @settledAt, @createdAt)
      ON CONFLICT (id) DO UPDATE SET source = excluded.source, item_id = excluded.item_id,
        fan_id = excluded.fan_id, currency = excluded.currency, amount = excluded.amount, fee = excluded.fee,
        refunded = excluded.refunded, status = excluded.status, settled_at = excluded.settled_at,
        created_at = excluded.created_at`);
    this.deleteRow = db.prepare('DELETE FROM payments WHERE id = ?');
    this.selectAll = db.prepare('SELECT * FROM payments ORDER BY created_at DESC, id DESC');
  }

  upsert(payment: PaymentSnapshot): void {
    this.upsertRow.run(payment);
  }

  delete(id: string): void {
    this.deleteRow.run(id);
  }

  /** Every payment, newest first (the earnings screen filters and sums them). */
  all(): PaymentSnapshot[] {
    return (this.selectAll.all() as Record<string, string | null>[]).map((row) => ({
      id: row.id!,
      source: row.source as PaymentSnapshot['source'],
      itemId: row.item_id ?? null,
      fanId: row.fan_id!,
      currency: row.currency as PaymentSnapshot['currency'],
      amount: row.amount!,
      fee: row.fee!,
      refunded: row.refunded!,
      status: row.status as PaymentSnapshot['status'],
      settledAt: row.settled_at ?? null,
      createdAt: row.created_at!,
    }));
  }
}
