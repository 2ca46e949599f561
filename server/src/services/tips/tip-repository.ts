import { sql } from 'kysely';
import { amount, type Amount, type Currency } from '@shared/domain/money';
import type { Queryable } from '../../db/queryable';

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
  readonly amount: Amount;
  readonly message: string;
  readonly at: Date;
}

/** The `tips` and `tip_settings` tables. */
export class TipRepository {
  async settings(q: Queryable, creatorId: string): Promise<TipSettingsRecord | undefined> {
    const row = await q
      .selectFrom('tip_settings')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    if (!row) return undefined;
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

  async saveSettings(q: Queryable, creatorId: string, s: TipSettingsRecord, at: Date): Promise<void> {
    const values = {
      currency: s.currency,
      minimum: s.minimum.toString(),
      presets: JSON.stringify(s.presets.map(String)),
      goal_title: s.goal?.title ?? null,
      goal_amount: s.goal?.amount.toString() ?? null,
      goal_started_at: s.goal?.startedAt ?? null,
      updated_at: at,
    };
    await q
      .insertInto('tip_settings')
      .values({ creator_id: creatorId, ...values })
      .onConflict((oc) => oc.column('creator_id').doUpdateSet(values))
      .execute();
  }

  async insert(q: Queryable, tip: NewTip): Promise<void> {
    await q
      .insertInto('tips')
      .values({
        payment_id: tip.paymentId,
        fan_id: tip.fanId,
        creator_id: tip.creatorId,
        post_id: tip.postId,
        currency: tip.amount.currency,
        amount: tip.amount.minor.toString(),
        message: tip.message,
        created_at: tip.at,
      })
      .onConflict((oc) => oc.column('payment_id').doNothing())
      .execute();
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
