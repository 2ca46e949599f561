import { CompiledQuery, sql, type Selectable } from 'kysely';
import { amount, type Amount, type Currency } from '@shared/domain/money';
import { preparedStatement, runPrepared } from '../../db/prepared-statements';
import type { Queryable } from '../../db/queryable';
import type { TipSettingsTable } from '../../db/schema';

export interface TipSettingsRecord {
  readonly currency: Currency;
  readonly minimum: bigint;
  readonly presets: readonly bigint[];
  readonly goal: { readonly title: string; readonly amount: bigint; readonly startedAt: Date } | null;
}

export interface NewTip {
  readonly paymentId: string;
  readonly fanId: string;
  readonly creatorId: string;
  readonly postId: string | null;
  /** The live stream whose chat it was sent from, if any. */
  readonly streamId: string | null;
  readonly amount: Amount;
  readonly message: string;
  readonly at: Date;
}

/** A creator as a tip needs them: who, and their tip settings if they set any. */
export interface TipTerms {
  readonly creatorId: string;
  readonly settings: TipSettingsRecord | undefined;
}

type SettingsRow = Selectable<TipSettingsTable>;
type TermsRow = { readonly account_id: string; readonly handle: string | null } & {
  readonly [K in keyof SettingsRow]: SettingsRow[K] | null;
};

function toSettings(row: SettingsRow): TipSettingsRecord {
  return {
    currency: row.currency as Currency,
    minimum: BigInt(row.minimum),
    presets: row.presets.map((p) => BigInt(p)),
    goal:
      row.goal_title !== null && row.goal_amount !== null && row.goal_started_at !== null
        ? { title: row.goal_title, amount: BigInt(row.goal_amount), startedAt: row.goal_started_at }
        : null,
  };
}

const INSERT_TIPS = preparedStatement(
  `INSERT INTO tips (payment_id, fan_id, creator_id, post_id, currency, amount, message, created_at, stream_id)
   SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::numeric[], $7::text[],
                        $8::timestamptz[], $9::uuid[])
   ON CONFLICT (payment_id) DO NOTHING`,
);

/** The `tips` and `tip_settings` tables. */
export class TipRepository {
  async settings(q: Queryable, creatorId: string): Promise<TipSettingsRecord | undefined> {
    const row = await q
      .selectFrom('tip_settings')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    return row && toSettings(row);
  }

  /**
   * Creators by handle, each with their tip settings (undefined: never set), in one prepared query: what
   * every tip checks first, asked for many tips at once.
   */
  async termsByHandles(q: Queryable, handles: readonly string[]): Promise<Map<string, TipTerms>> {
    this.#termsSql ??= preparedStatement(
      q
        .selectFrom('accounts')
        .leftJoin('tip_settings', 'tip_settings.creator_id', 'accounts.id')
        .select([
          'accounts.id as account_id',
          'accounts.handle',
          'tip_settings.creator_id',
          'tip_settings.currency',
          'tip_settings.minimum',
          'tip_settings.presets',
          'tip_settings.goal_title',
          'tip_settings.goal_amount',
          'tip_settings.goal_started_at',
        ])
        .where('accounts.role', '=', 'creator')
        .where(sql<boolean>`accounts.handle = any(${sql.val([])}::text[])`)
        .compile().sql,
    );
    const { rows } = await q.executeQuery<TermsRow>(
      CompiledQuery.raw(this.#termsSql, ['creator', [...new Set(handles)]]),
    );
    return new Map(
      rows.map((row) => [
        row.handle!,
        {
          creatorId: row.account_id,
          settings: row.creator_id === null ? undefined : toSettings(row as SettingsRow),
        },
      ]),
    );
  }

  #termsSql: string | null = null;

  /**
   * The settings' version (0: never set), with the row locked until the transaction ends so that changes to
   * one creator's settings queue up; then the settings themselves.
   */
  async settingsForChange(
    trx: Queryable,
    creatorId: string,
  ): Promise<{ settings: TipSettingsRecord; version: number; updatedAt: Date } | undefined> {
    const row = await trx
      .selectFrom('tip_settings')
      .select(['version', 'updated_at'])
      .where('creator_id', '=', creatorId)
      .forUpdate()
      .executeTakeFirst();
    const settings = row && (await this.settings(trx, creatorId));
    return row && settings && { settings, version: row.version, updatedAt: row.updated_at };
  }

  /**
   * Writes the settings as `version` if the stored ones are still at `version - 1` (none stored: 0); false
   * when they moved on meanwhile (two first saves at once: the row did not exist to be locked).
   */
  async saveSettings(
    q: Queryable,
    creatorId: string,
    s: TipSettingsRecord,
    version: number,
    at: Date,
  ): Promise<boolean> {
    const values = {
      currency: s.currency,
      minimum: s.minimum.toString(),
      presets: JSON.stringify(s.presets.map(String)),
      goal_title: s.goal?.title ?? null,
      goal_amount: s.goal?.amount.toString() ?? null,
      goal_started_at: s.goal?.startedAt ?? null,
      updated_at: at,
      version,
    };
    const saved = await q
      .insertInto('tip_settings')
      .values({ creator_id: creatorId, ...values })
      .onConflict((oc) =>
        oc
          .column('creator_id')
          .doUpdateSet(values)
          .where('tip_settings.version', '=', version - 1),
      )
      .returning('version')
      .executeTakeFirst();
    return saved !== undefined;
  }

  /** Writes tips (a payment's tip once: a second write of it does nothing). */
  async insertMany(q: Queryable, tips: readonly NewTip[]): Promise<void> {
    if (tips.length === 0) return;
    await runPrepared(q, INSERT_TIPS, [
      tips.map((tip) => tip.paymentId),
      tips.map((tip) => tip.fanId),
      tips.map((tip) => tip.creatorId),
      tips.map((tip) => tip.postId),
      tips.map((tip) => tip.amount.currency),
      tips.map((tip) => tip.amount.minor.toString()),
      tips.map((tip) => tip.message),
      tips.map((tip) => tip.at),
      tips.map((tip) => tip.streamId),
    ]);
  }

  /** What fans tipped a creator since `since` in one currency (a tip goal's progress). */
  async totalSince(q: Queryable, creatorId: string, currency: Currency, since: Date): Promise<Amount> {
    const { rows } = await sql<{ total: string }>`
      SELECT coalesce(sum(amount), 0) AS total FROM tips
      WHERE creator_id = ${creatorId} AND currency = ${currency} AND created_at >= ${since}`.execute(q);
    return amount(currency, BigInt(rows[0]?.total ?? '0'));
  }

  /** Removes a tip whose payment was refunded in full or disputed: it no longer counts anywhere. */
  async remove(q: Queryable, paymentId: string): Promise<void> {
    await q.deleteFrom('tips').where('payment_id', '=', paymentId).execute();
  }
}
