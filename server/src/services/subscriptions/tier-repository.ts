import type { Selectable } from 'kysely';
import { amount, type Amount, type Currency } from '@shared/domain/money';
import type { Queryable } from '../../db/queryable';
import type { TiersTable } from '../../db/schema';

export interface TierRecord {
  readonly id: string;
  readonly creatorId: string;
  readonly name: string;
  readonly description: string;
  readonly perks: readonly string[];
  readonly rank: number;
  readonly monthlyPrice: Amount;
  readonly annualPrice: Amount | null;
  readonly trialDays: number;
  readonly ppvDiscountBps: number;
  readonly archived: boolean;
  readonly version: number;
  readonly updatedAt: Date;
}

export interface TierColumns {
  readonly name: string;
  readonly description: string;
  readonly perks: readonly string[];
  readonly rank: number;
  readonly monthlyPrice: Amount;
  readonly annualPrice: Amount | null;
  readonly trialDays: number;
  readonly ppvDiscountBps: number;
}

function toRecord(row: Selectable<TiersTable>): TierRecord {
  const currency = row.currency as Currency;
  return {
    id: row.id,
    creatorId: row.creator_id,
    name: row.name,
    description: row.description,
    perks: row.perks,
    rank: row.rank,
    monthlyPrice: amount(currency, BigInt(row.monthly_price)),
    annualPrice: row.annual_price === null ? null : amount(currency, BigInt(row.annual_price)),
    trialDays: row.trial_days,
    ppvDiscountBps: row.ppv_discount_bps,
    archived: row.archived_at !== null,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

const columns = (c: TierColumns) => ({
  name: c.name,
  description: c.description,
  perks: JSON.stringify(c.perks),
  rank: c.rank,
  currency: c.monthlyPrice.currency,
  monthly_price: c.monthlyPrice.minor.toString(),
  annual_price: c.annualPrice?.minor.toString() ?? null,
  trial_days: c.trialDays,
  ppv_discount_bps: c.ppvDiscountBps,
});

/** The `tiers` table. */
export class TierRepository {
  async insert(q: Queryable, id: string, creatorId: string, c: TierColumns, at: Date): Promise<TierRecord> {
    const row = await q
      .insertInto('tiers')
      .values({ id, creator_id: creatorId, ...columns(c), version: 1, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /** Replaces the tier's fields; its version moves one on. */
  async update(q: Queryable, id: string, c: TierColumns, at: Date): Promise<TierRecord> {
    const row = await q
      .updateTable('tiers')
      .set((eb) => ({ ...columns(c), updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async archive(q: Queryable, id: string, at: Date): Promise<TierRecord> {
    const row = await q
      .updateTable('tiers')
      .set((eb) => ({ archived_at: at, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /** One tier; with `lock`, its row stays locked until the transaction ends, so changes to it queue up. */
  async find(q: Queryable, id: string, { lock = false } = {}): Promise<TierRecord | undefined> {
    const query = q.selectFrom('tiers').selectAll().where('id', '=', id);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return row && toRecord(row);
  }

  /** A creator's tiers, lowest rank first; archived ones only when asked (a subscriber may still be on one). */
  async ofCreator(q: Queryable, creatorId: string, { archived = false } = {}): Promise<TierRecord[]> {
    let query = q.selectFrom('tiers').selectAll().where('creator_id', '=', creatorId);
    if (!archived) query = query.where('archived_at', 'is', null);
    return (await query.orderBy('rank').orderBy('created_at').execute()).map(toRecord);
  }
}
