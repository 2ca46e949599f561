import { CompiledQuery, type Kysely } from 'kysely';
import type { ProfileLink } from '@shared/domain/profile/profile';
import { preparedStatement } from '../../db/prepared-statements';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';

/** A creator's profile as read: the account's public fields with the profile row, when there is one. */
export interface ProfileRecord {
  readonly creatorId: string;
  readonly handle: string;
  readonly displayName: string;
  readonly bio: string | null;
  readonly links: readonly ProfileLink[] | null;
  readonly accentColor: string | null;
  /** null: the creator never edited their profile. */
  readonly version: number | null;
  readonly updatedAt: Date | null;
}

export interface ProfileColumns {
  readonly bio: string;
  readonly links: readonly ProfileLink[];
  readonly accentColor: string;
  readonly version: number;
  readonly updatedAt: Date;
}

/**
 * The `creator_profiles` table. Its reads join the creator's account (handle, display name), since a
 * profile is shown with them; the display name itself is written through the account repository.
 */
export class ProfileRepository {
  #byHandleSql: string | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** A creator's profile by handle (the public page); undefined when no creator has it. */
  async findByHandle(handle: string): Promise<ProfileRecord | undefined> {
    // Every visit to a creator's page runs this: built and compiled once, then run with each handle as a
    // prepared statement.
    this.#byHandleSql ??= preparedStatement(
      this.#select(this.db).where('accounts.handle', '=', handle).compile().sql,
    );
    const query = CompiledQuery.raw(this.#byHandleSql, ['creator', handle]);
    return (await this.db.executeQuery<ProfileRecord>(query)).rows[0];
  }

  /**
   * A creator's profile by account id. With `lock`, the creator's account row stays locked until `trx` ends
   * (the profile row may not exist yet, and PostgreSQL cannot lock the empty side of an outer join), so
   * changes to one profile queue up.
   */
  findById(trx: Queryable, creatorId: string, { lock = false } = {}): Promise<ProfileRecord | undefined> {
    const query = this.#select(trx).where('accounts.id', '=', creatorId);
    return (lock ? query.forUpdate('accounts') : query).executeTakeFirst();
  }

  /** Inserts or replaces the profile row. */
  async save(trx: Queryable, creatorId: string, columns: ProfileColumns): Promise<void> {
    const values = {
      bio: columns.bio,
      links: JSON.stringify(columns.links),
      accent_color: columns.accentColor,
      version: columns.version,
      updated_at: columns.updatedAt,
    };
    await trx
      .insertInto('creator_profiles')
      .values({ account_id: creatorId, ...values })
      .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
      .execute();
  }

  #select(db: Queryable) {
    return db
      .selectFrom('accounts')
      .leftJoin('creator_profiles', 'creator_profiles.account_id', 'accounts.id')
      .select([
        'accounts.id as creatorId',
        'accounts.handle as handle',
        'accounts.display_name as displayName',
        'creator_profiles.bio as bio',
        'creator_profiles.links as links',
        'creator_profiles.accent_color as accentColor',
        'creator_profiles.version as version',
        'creator_profiles.updated_at as updatedAt',
      ])
      .where('accounts.role', '=', 'creator')
      .$narrowType<{ handle: string; links: readonly ProfileLink[] | null }>();
  }
}
