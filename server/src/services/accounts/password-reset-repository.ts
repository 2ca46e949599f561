import type { Kysely } from 'kysely';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';

export interface NewPasswordReset {
  readonly id: string;
  readonly account_id: string;
  readonly secret_hash: string;
  readonly expires_at: Date;
}

/** The `password_resets` table: one row per reset link sent. */
export class PasswordResetRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(reset: NewPasswordReset): Promise<void> {
    await this.db.insertInto('password_resets').values(reset).execute();
  }

  find(id: string) {
    return this.db
      .selectFrom('password_resets')
      .select(['id', 'account_id', 'secret_hash', 'expires_at', 'used_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Marks a link used, unless it already was or has expired meanwhile; false when another request won.
   * The condition in the statement (not a read before it) makes a link work once under concurrent use.
   */
  async claim(trx: Queryable, id: string, now: Date): Promise<boolean> {
    const claimed = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  /** Ends every other open link of the account once its password has changed. */
  async expireOthersOf(trx: Queryable, accountId: string, now: Date): Promise<void> {
    await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .execute();
  }
}
