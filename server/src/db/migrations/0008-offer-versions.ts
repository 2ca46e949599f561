import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Tiers, promo codes and tip settings become kinds the studio edits offline, so each row carries the version
 * a studio's change is based on (+1 per accepted change; a stale base is a conflict). Rows written before
 * count as version 1; a creator without tip settings has none (version 0 in the feed).
 */
export const migration0008OfferVersions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`ALTER TABLE tiers ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);
    await sql`ALTER TABLE promo_codes ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);
    await sql`ALTER TABLE tip_settings ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);
  },
};
