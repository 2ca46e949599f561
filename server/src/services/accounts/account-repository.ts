import type { Kysely } from 'kysely';
import type { Queryable } from '../../db/queryable';
import type { AccountRow, Database } from '../../db/schema';

export type NewAccount = Pick<
  AccountRow,
  'id' | 'email' | 'handle' | 'display_name' | 'role' | 'password_hash'
>;
export type CreatorRow = Pick<AccountRow, 'id' | 'handle' | 'display_name'>;

/** The `accounts` table. */
export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  insert(trx: Queryable, account: NewAccount): Promise<AccountRow> {
    return trx.insertInto('accounts').values(account).returningAll().executeTakeFirstOrThrow();
  }

  findByEmail(email: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
  }

  /** A creator account by its (lower-case) handle. */
  findCreatorByHandle(handle: string): Promise<CreatorRow | undefined> {
    return this.db
      .selectFrom('accounts')
      .select(['id', 'handle', 'display_name'])
      .where('handle', '=', handle)
      .where('role', '=', 'creator')
      .executeTakeFirst();
  }

  findCreatorById(trx: Queryable, id: string): Promise<CreatorRow | undefined> {
    return trx
      .selectFrom('accounts')
      .select(['id', 'handle', 'display_name'])
      .where('id', '=', id)
      .where('role', '=', 'creator')
      .executeTakeFirst();
  }

  /** The account a reset link belongs to, with what its owner sees. */
  findById(trx: Queryable, id: string): Promise<AccountRow | undefined> {
    return trx.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setPasswordHash(trx: Queryable, id: string, passwordHash: string): Promise<void> {
    await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  async setDisplayName(trx: Queryable, id: string, displayName: string): Promise<void> {
    await trx.updateTable('accounts').set({ display_name: displayName }).where('id', '=', id).execute();
  }
}
