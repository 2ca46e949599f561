import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Creator profiles; the change feed's counter in a table of its own (the feed owns `change_feeds` and
 * `changes`, the accounts feature owns `accounts`); and change data kept as `json` text: the feed writes it
 * once and serves it as text on every pull, where `jsonb` had to be turned back into text each time.
 */
export const migration0002ProfilesAndFeedCounters: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('creator_profiles')
      .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('bio', 'text', (c) => c.notNull())
      .addColumn('links', 'jsonb', (c) => c.notNull())
      .addColumn('accent_color', 'text', (c) => c.notNull().check(sql`accent_color ~ '^#[0-9a-f]{6}$'`))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('change_feeds')
      .addColumn('account_id', 'uuid', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO change_feeds (account_id, last_seq)
      SELECT id, change_seq FROM accounts WHERE change_seq > 0`.execute(db);
    await db.schema.alterTable('accounts').dropColumn('change_seq').execute();

    await sql`ALTER TABLE changes ALTER COLUMN data TYPE json USING data::json`.execute(db);
  },
};
