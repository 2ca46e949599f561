import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Password-reset links: one row per link sent, holding only a hash of its secret. A link works once, until it
 * expires; resetting ends every other link of the account.
 */
export const migration0003PasswordResets: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('password_resets')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('used_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('password_resets_account_idx')
      .on('password_resets')
      .column('account_id')
      .execute();
  },
};
