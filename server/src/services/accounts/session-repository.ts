import type { Kysely } from 'kysely';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';

export interface NewSession {
  readonly id: string;
  readonly account_id: string;
  readonly secret_hash: string;
}

/** The `sessions` table. */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(trx: Queryable, session: NewSession): Promise<void> {
    await trx
      .insertInto('sessions')
      .values({ ...session, last_seen_at: new Date() })
      .execute();
  }

  /** A session with its account, for authenticating a token. */
  findWithAccount(sessionId: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select([
        'sessions.id as session_id',
        'sessions.secret_hash',
        'sessions.revoked_at',
        'sessions.created_at as session_created_at',
        'sessions.last_seen_at',
        'accounts.id',
        'accounts.email',
        'accounts.handle',
        'accounts.display_name',
        'accounts.role',
      ])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
  }

  findLifetime(sessionId: string) {
    return this.db
      .selectFrom('sessions')
      .select(['revoked_at', 'created_at'])
      .where('id', '=', sessionId)
      .executeTakeFirst();
  }

  async touch(sessionId: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date() })
      .where('id', '=', sessionId)
      .execute();
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Revokes every open session of an account (a password reset); returns their ids for the live links. */
  async revokeAllOf(trx: Queryable, accountId: string): Promise<string[]> {
    const rows = await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }
}
