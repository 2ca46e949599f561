import type { Migration } from '../../migration';

/**
 * A post's pay-per-view price, edited offline like the rest of the post: both columns NULL when it is not for
 * sale; the minor units (cents) as text, as everywhere money is kept here.
 */
export const migration0005: Migration = {
  name: '0005-post-prices',
  up(db) {
    db.exec(`
      ALTER TABLE posts ADD COLUMN price_currency TEXT;
      ALTER TABLE posts ADD COLUMN price_minor TEXT;
    `);
  },
};
