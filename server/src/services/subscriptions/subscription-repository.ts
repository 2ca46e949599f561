import { sql, type Selectable } from 'kysely';
import { amount, type Amount, type Currency } from '@shared/domain/money';
import type { BillingInterval } from '@shared/domain/subscriptions/billing';
import type { Queryable } from '../../db/queryable';
import type { SubscriptionStatusColumn, SubscriptionsTable } from '../../db/schema';

export type SubscriptionStatus = SubscriptionStatusColumn;

/** Statuses in which a subscription opens what its tier opens. */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ['trialing', 'active', 'past_due'];

export interface SubscriptionRecord {
  readonly id: string;
  readonly fanId: string;
  readonly creatorId: string;
  readonly tierId: string;
  readonly interval: BillingInterval;
  /** What this subscriber pays each period: fixed when they subscribed (a tier's new price is for new subscribers). */
  readonly price: Amount;
  /** Owed to the fan from a downgrade, taken off the next renewals. */
  readonly credit: Amount;
  readonly status: SubscriptionStatus;
  readonly anchor: Date;
  readonly periodsPaid: number;
  readonly currentPeriodStart: Date;
  readonly currentPeriodEnd: Date;
  readonly cancelAtPeriodEnd: boolean;
  readonly graceUntil: Date | null;
  readonly promoCodeId: string | null;
  readonly paymentMethod: string;
  readonly rail: string;
  readonly createdAt: Date;
  readonly endedAt: Date | null;
}

function toRecord(row: Selectable<SubscriptionsTable>): SubscriptionRecord {
  const currency = row.currency as Currency;
  return {
    id: row.id,
    fanId: row.fan_id,
    creatorId: row.creator_id,
    tierId: row.tier_id,
    interval: row.billing_interval,
    price: amount(currency, BigInt(row.price)),
    credit: amount(currency, BigInt(row.credit)),
    status: row.status,
    anchor: row.anchor,
    periodsPaid: row.periods_paid,
    currentPeriodStart: row.current_period_start,
    currentPeriodEnd: row.current_period_end,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    graceUntil: row.grace_until,
    promoCodeId: row.promo_code_id,
    paymentMethod: row.payment_method,
    rail: row.rail,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  };
}

export type SubscriptionChanges = Partial<{
  tier_id: string;
  price: string;
  credit: string;
  status: SubscriptionStatus;
  periods_paid: number;
  current_period_start: Date;
  current_period_end: Date;
  cancel_at_period_end: boolean;
  grace_until: Date | null;
  ended_at: Date | null;
  payment_method: string;
}>;

/** The `subscriptions` and `trials_used` tables. */
export class SubscriptionRepository {
  async insert(
    q: Queryable,
    s: Omit<
      SubscriptionRecord,
      'createdAt' | 'endedAt' | 'periodsPaid' | 'graceUntil' | 'cancelAtPeriodEnd' | 'credit'
    >,
  ): Promise<void> {
    await q
      .insertInto('subscriptions')
      .values({
        id: s.id,
        fan_id: s.fanId,
        creator_id: s.creatorId,
        tier_id: s.tierId,
        billing_interval: s.interval,
        currency: s.price.currency,
        price: s.price.minor.toString(),
        status: s.status,
        anchor: s.anchor,
        current_period_start: s.currentPeriodStart,
        current_period_end: s.currentPeriodEnd,
        promo_code_id: s.promoCodeId,
        payment_method: s.paymentMethod,
        rail: s.rail,
      })
      .execute();
  }

  async find(q: Queryable, id: string, { lock = false } = {}): Promise<SubscriptionRecord | undefined> {
    const query = q.selectFrom('subscriptions').selectAll().where('id', '=', id);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return row && toRecord(row);
  }

  async findMany(q: Queryable, ids: readonly string[]): Promise<Map<string, SubscriptionRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await q.selectFrom('subscriptions').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, toRecord(row)]));
  }

  /**
   * Paid periods of many subscriptions at once: each becomes active for its new period, unless it ended
   * meanwhile or has that period already (a repeated settle). Returns the ids it moved on, with their new ends.
   */
  async periodsPaid(
    q: Queryable,
    rows: readonly { id: string; start: Date; end: Date; credit: bigint }[],
  ): Promise<{ id: string; end: string }[]> {
    if (rows.length === 0) return [];
    const { rows: moved } = await sql<{ id: string; end: string }>`
      UPDATE subscriptions AS s SET status = 'active', current_period_start = v.period_start::timestamptz,
        current_period_end = v.period_end::timestamptz, periods_paid = s.periods_paid + 1, grace_until = NULL,
        credit = v.credit::numeric
      FROM (VALUES ${sql.join(
        rows.map(
          (r) =>
            sql`(${r.id}::uuid, ${r.start.toISOString()}::text, ${r.end.toISOString()}::text, ${r.credit.toString()}::text)`,
        ),
      )}) AS v(id, period_start, period_end, credit)
      WHERE s.id = v.id AND s.status NOT IN ('canceled', 'lapsed')
        AND NOT (s.status = 'active' AND s.current_period_end >= v.period_end::timestamptz)
      RETURNING s.id, v.period_end AS end`.execute(q);
    return moved;
  }

  /** The fan's live subscription to a creator, if any (at most one). */
  async live(q: Queryable, fanId: string, creatorId: string): Promise<SubscriptionRecord | undefined> {
    const row = await q
      .selectFrom('subscriptions')
      .selectAll()
      .where('fan_id', '=', fanId)
      .where('creator_id', '=', creatorId)
      .where('status', 'in', [...LIVE_STATUSES, 'incomplete'])
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async ofFan(q: Queryable, fanId: string): Promise<SubscriptionRecord[]> {
    const rows = await q
      .selectFrom('subscriptions')
      .selectAll()
      .where('fan_id', '=', fanId)
      .where('status', '!=', 'incomplete')
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toRecord);
  }

  async update(q: Queryable, id: string, changes: SubscriptionChanges): Promise<void> {
    await q.updateTable('subscriptions').set(changes).where('id', '=', id).execute();
  }

  /** Deletes a subscription still waiting for its first payment; returns it, or undefined if it was not. */
  async removeIncomplete(q: Queryable, id: string): Promise<SubscriptionRecord | undefined> {
    const row = await q
      .deleteFrom('subscriptions')
      .where('id', '=', id)
      .where('status', '=', 'incomplete')
      .returningAll()
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Records a fan's trial with a creator; false when they had one already. */
  async useTrial(q: Queryable, fanId: string, creatorId: string, at: Date): Promise<boolean> {
    const row = await q
      .insertInto('trials_used')
      .values({ fan_id: fanId, creator_id: creatorId, used_at: at })
      .onConflict((oc) => oc.columns(['fan_id', 'creator_id']).doNothing())
      .returning('fan_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async hadTrial(q: Queryable, fanId: string, creatorId: string): Promise<boolean> {
    const row = await q
      .selectFrom('trials_used')
      .select('fan_id')
      .where('fan_id', '=', fanId)
      .where('creator_id', '=', creatorId)
      .executeTakeFirst();
    return row !== undefined;
  }
}
