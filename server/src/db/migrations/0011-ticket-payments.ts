import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A live stream's ticket is a payment source of its own (`ticket`), no longer a pay-per-view payment of the
 * stream's id: a fan's receipts name the stream and a creator's earnings count tickets apart. Like pay-per-view
 * (0007), at most one live ticket payment per fan and stream, so two buys racing with different keys charge
 * the fan once; a payment leaves that index when it fails, is refunded in full or is disputed, and the fan may
 * buy again. Tickets sold before this migration become `ticket` payments (their purchases stay as they are:
 * both purposes write the same purchase of the stream's id); the ledger's operations keep the source they were
 * written with, as nothing in the ledger is ever changed.
 */
export const migration0011TicketPayments: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE payments DROP CONSTRAINT payments_source_check`.execute(db);
    await sql`ALTER TABLE payments ADD CONSTRAINT payments_source_check
      CHECK (source IN ('tip', 'subscription', 'ppv', 'ticket'))`.execute(db);

    await sql`UPDATE payments SET source = 'ticket'
      WHERE source = 'ppv' AND item_id IN (SELECT id::text FROM live_streams)`.execute(db);

    await sql`CREATE UNIQUE INDEX payments_one_live_ticket_idx ON payments (fan_id, item_id)
      WHERE source = 'ticket' AND status IN ('pending', 'succeeded') AND amount_refunded < amount`.execute(
      db,
    );
  },
};
