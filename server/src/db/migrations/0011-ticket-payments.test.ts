import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { openTestDatabase } from '../../test/test-server';
import type { DatabaseHandle } from '../database';
import { migrateToLatest } from '../migrate';
import { migration0011TicketPayments } from './0011-ticket-payments';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.db);
  // Back to the shape 0010 left (the PGlite template is migrated already), so 0011 runs over old data.
  await sql`DROP INDEX payments_one_live_ticket_idx`.execute(database.db);
  await sql`ALTER TABLE payments DROP CONSTRAINT payments_source_check`.execute(database.db);
  await sql`ALTER TABLE payments ADD CONSTRAINT payments_source_check
    CHECK (source IN ('tip', 'subscription', 'ppv'))`.execute(database.db);
});
afterAll(() => database.close());

const creatorId = newId();
const fanId = newId();
const streamId = newId();
const postId = newId();

async function insertPayment(source: string, itemId: string, status = 'succeeded') {
  const id = newId();
  await sql`INSERT INTO payments (id, idempotency_key, fan_id, creator_id, source, item_id, currency, amount,
      rail, status)
    VALUES (${id}, ${`key:${id}`}, ${fanId}, ${creatorId}, ${source}, ${itemId}, 'USD', 500, 'sandbox',
      ${status})`.execute(database.db);
  return id;
}

const sourceOf = async (id: string) =>
  (await sql<{ source: string }>`SELECT source FROM payments WHERE id = ${id}`.execute(database.db)).rows[0]
    ?.source;

describe('migration 0011: ticket payments', () => {
  it('turns tickets sold as pay-per-view into ticket payments, leaves posts alone, and holds one live ticket per fan and stream', async () => {
    const db = database.db;
    await sql`INSERT INTO accounts (id, email, password_hash, display_name, role)
      VALUES (${creatorId}, ${`c-${creatorId}@example.test`}, 'x', 'Creator', 'creator')`.execute(db);
    await sql`INSERT INTO live_streams (id, creator_id, title, access_rule, ticket_currency, ticket_price)
      VALUES (${streamId}, ${creatorId}, 'Kiln opening',
        ${JSON.stringify({ kind: 'purchased', itemId: streamId })}::jsonb, 'USD', 500)`.execute(db);
    const oldTicket = await insertPayment('ppv', streamId);
    const post = await insertPayment('ppv', postId);
    const tip = await insertPayment('tip', streamId);

    await migration0011TicketPayments.up(db);

    expect(await sourceOf(oldTicket)).toBe('ticket');
    expect(await sourceOf(post)).toBe('ppv');
    expect(await sourceOf(tip)).toBe('tip');
    // A second live ticket payment for the same fan and stream is refused; a failed one is not live.
    await expect(insertPayment('ticket', streamId)).rejects.toMatchObject({ code: '23505' });
    await expect(insertPayment('ticket', streamId, 'failed')).resolves.toBeTypeOf('string');
    await expect(insertPayment('bid', streamId)).rejects.toMatchObject({ code: '23514' });
  });
});
