import type { Migration } from '../../migration';

/**
 * Fans' payments to the creator, as the server tells them (the `payment` kind, read-only here): the earnings
 * screen reads them offline. Amounts are minor units as text (a uint256 does not fit an INTEGER).
 */
export const migration0004: Migration = {
  name: '0004-payments',
  up(db) {
    db.exec(`
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        item_id TEXT,
        fan_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        amount TEXT NOT NULL,
        fee TEXT NOT NULL,
        refunded TEXT NOT NULL,
        status TEXT NOT NULL,
        settled_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payments_created_idx ON payments (created_at);
    `);
  },
};
