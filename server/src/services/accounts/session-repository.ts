import { CompiledQuery, sql, type Kysely } from 'kysely';
import { batched } from '../../db/batched';
import { preparedStatement } from '../../db/prepared-statements';
import type { Queryable } from '../../db/queryable';
import type { AccountRoleColumn, Database } from '../../db/schema';

export interface NewSession {
  readonly id: string;
  readonly account_id: string;
  readonly secret_hash: string;
}

/** A session joined with its account. */
export interface SessionWithAccount {
  readonly session_id: string;
  readonly secret_hash: string;
  readonly revoked_at: Date | null;
  readonly session_created_at: Date;
  readonly last_seen_at: Date;
  readonly id: string;
  readonly email: string;
  readonly handle: string | null;
  readonly display_name: string;
  readonly role: AccountRoleColumn;
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

  /**
   * A session with its account, for authenticating a token. Every signed-in request asks this: the requests
   * arriving together share one prepared `= any($1)` query (always read afresh: a revoked session is seen by
   * the first request after the revocation).
   */
  findWithAccount(sessionId: string): Promise<SessionWithAccount | undefined> {
    return this.#findWithAccount(sessionId);
  }

  readonly #findWithAccount = batched(
    async (ids: readonly string[]) => {
      this.#withAccountSql ??= preparedStatement(
        this.db
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
          .where(sql<boolean>`sessions.id = any(${sql.val([])}::uuid[])`)
          .compile().sql,
      );
      const { rows } = await this.db.executeQuery<SessionWithAccount>(
        CompiledQuery.raw(this.#withAccountSql, [[...new Set(ids)]]),
      );
      const byId = new Map(rows.map((row) => [row.session_id, row]));
      return ids.map((id) => byId.get(id));
    },
    { inFlight: 4 },
  );

  #withAccountSql: string | null = null;

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
