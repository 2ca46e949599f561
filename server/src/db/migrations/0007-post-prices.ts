import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Pay-per-view: a post's price (both columns null when it is not for sale; the range is the domain's rule,
 * `postPriceSchema`, checked by the service), and at most one live pay-per-view payment per fan and post, so
 * two buys of the same post racing with different keys charge the fan once. A payment leaves that index when
 * it fails, is refunded in full or is disputed: then the fan may buy again.
 */
export const migration0007PostPrices: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE posts
      ADD COLUMN price_currency text CHECK (price_currency IN ('USD')),
      ADD COLUMN price_minor numeric(78,0) CHECK (price_minor > 0),
      ADD CONSTRAINT posts_price_whole CHECK ((price_currency IS NULL) = (price_minor IS NULL))`.execute(db);

    await sql`CREATE UNIQUE INDEX payments_one_live_ppv_idx ON payments (fan_id, item_id)
      WHERE source = 'ppv' AND status IN ('pending', 'succeeded') AND amount_refunded < amount`.execute(db);
  },
};
