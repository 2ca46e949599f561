import { sql, type Selectable } from 'kysely';
import { amount, type Currency } from '@shared/domain/money';
import type { PromoDiscount } from '@shared/domain/subscriptions/billing';
import type { Queryable } from '../../db/queryable';
import type { PromoCodesTable } from '../../db/schema';

export interface PromoRecord {
  readonly id: string;
  readonly creatorId: string;
  readonly code: string;
  readonly discount: PromoDiscount;
  readonly tierId: string | null;
  readonly maxUses: number | null;
  readonly uses: number;
  readonly expiresAt: Date | null;
  readonly archived: boolean;
  readonly version: number;
  readonly createdAt: Date;
}

function toRecord(row: Selectable<PromoCodesTable>, currency: Currency): PromoRecord {
  return {
    id: row.id,
    creatorId: row.creator_id,
    code: row.code,
    discount:
      row.percent_off !== null
        ? { percentOff: row.percent_off }
        : { amountOff: amount(currency, BigInt(row.amount_off ?? '0')) },
    tierId: row.tier_id,
    maxUses: row.max_uses,
    uses: row.uses,
    expiresAt: row.expires_at,
    archived: row.archived_at !== null,
    version: row.version,
    createdAt: row.created_at,
  };
}

/** The `promo_codes` table. Codes are kept upper-case: a fan may type them in any case. */
export class PromoRepository {
  async insert(
    q: Queryable,
    row: Omit<PromoRecord, 'uses' | 'archived' | 'version'> & { readonly currency: Currency },
  ): Promise<PromoRecord> {
    const inserted = await q
      .insertInto('promo_codes')
      .values({
        id: row.id,
        creator_id: row.creatorId,
        code: row.code.toUpperCase(),
        percent_off: 'percentOff' in row.discount ? row.discount.percentOff : null,
        amount_off: 'amountOff' in row.discount ? row.discount.amountOff.minor.toString() : null,
        tier_id: row.tierId,
        max_uses: row.maxUses,
        expires_at: row.expiresAt,
        created_at: row.createdAt,
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(inserted, row.currency);
  }

  async findByCode(
    q: Queryable,
    creatorId: string,
    code: string,
    currency: Currency,
  ): Promise<PromoRecord | undefined> {
    const row = await q
      .selectFrom('promo_codes')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .where('code', '=', code.toUpperCase())
      .executeTakeFirst();
    return row && toRecord(row, currency);
  }

  /** One promo code; with `lock`, its row stays locked until the transaction ends. */
  async findById(
    q: Queryable,
    id: string,
    currency: Currency,
    { lock = false } = {},
  ): Promise<PromoRecord | undefined> {
    const query = q.selectFrom('promo_codes').selectAll().where('id', '=', id);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return row && toRecord(row, currency);
  }

  /** Takes a code out of use: fans can no longer apply it. Its version moves one on. */
  async deactivate(q: Queryable, id: string, currency: Currency, at: Date): Promise<PromoRecord> {
    const row = await q
      .updateTable('promo_codes')
      .set((eb) => ({ archived_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row, currency);
  }

  /** Gives a use back (the subscription it was counted for never started). */
  async giveBack(q: Queryable, id: string): Promise<void> {
    await sql`UPDATE promo_codes SET uses = uses - 1 WHERE id = ${id} AND uses > 0`.execute(q);
  }

  /** Counts one use, unless the code is used up: false when it was (checked in the same statement). */
  async use(q: Queryable, id: string): Promise<boolean> {
    const { rows } = await sql<{ id: string }>`
      UPDATE promo_codes SET uses = uses + 1
      WHERE id = ${id} AND (max_uses IS NULL OR uses < max_uses) RETURNING id`.execute(q);
    return rows.length === 1;
  }
}
