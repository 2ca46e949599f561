import type { Migration } from '../../migration';

/**
 * The creator's offers as the studio holds them, edited offline: subscription tiers, promo codes and tip
 * settings (one row). Money is minor units (cents) as text; lists are JSON text. Versions and sync columns as
 * for posts and the profile: `version` is what the server will have once the waiting mutations apply,
 * `confirmed_version` the last one it confirmed (NULL: the server does not have the tier or code yet; 0: tip
 * settings never set), `server_copy` its snapshot when it differs from the row.
 */
export const migration0006: Migration = {
  name: '0006-offers',
  up(db) {
    db.exec(`
      CREATE TABLE tiers (
        id TEXT PRIMARY KEY,
        creator_id TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        perks TEXT NOT NULL,
        rank INTEGER NOT NULL,
        monthly_price TEXT NOT NULL,
        annual_price TEXT,
        trial_days INTEGER NOT NULL,
        ppv_discount_bps INTEGER NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL,
        confirmed_version INTEGER,
        updated_at TEXT NOT NULL,
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict', 'rejected')),
        sync_error TEXT,
        server_copy TEXT
      ) STRICT;

      CREATE TABLE promo_codes (
        id TEXT PRIMARY KEY,
        creator_id TEXT NOT NULL,
        code TEXT NOT NULL,
        percent_off INTEGER,
        amount_off TEXT,
        tier_id TEXT,
        max_uses INTEGER,
        expires_at TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        version INTEGER NOT NULL,
        confirmed_version INTEGER,
        created_at TEXT NOT NULL,
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict', 'rejected')),
        sync_error TEXT,
        server_copy TEXT
      ) STRICT;

      CREATE TABLE tip_settings (
        creator_id TEXT PRIMARY KEY,
        minimum TEXT NOT NULL,
        presets TEXT NOT NULL,
        goal_title TEXT,
        goal_amount TEXT,
        goal_started_at TEXT,
        version INTEGER NOT NULL,
        confirmed_version INTEGER NOT NULL,
        updated_at TEXT,
        sync_state TEXT NOT NULL CHECK (sync_state IN ('synced', 'pending', 'conflict', 'rejected')),
        sync_error TEXT,
        server_copy TEXT
      ) STRICT;
    `);
  },
};
