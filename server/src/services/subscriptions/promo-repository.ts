import { sql } from 'kysely';
import { amount, type Currency } from '@shared/domain/money';
import type { PromoDiscount } from '@shared/domain/subscriptions/billing';
import type { Queryable } from '../../db/queryable';

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
}

/** The `promo_codes` table. Codes are kept upper-case: a fan may type them in any case. */
export class PromoRepository {
  async insert(
    q: Queryable,
    row: Omit<PromoRecord, 'uses' | 'archived'> & { readonly currency: Currency },
  ): Promise<void> {
    await q
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
      })
      .execute();
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
    if (!row) return undefined;
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
    };
  }

  async findById(q: Queryable, id: string, currency: Currency): Promise<PromoRecord | undefined> {
    const row = await q
      .selectFrom('promo_codes')
      .select(['creator_id', 'code'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && this.findByCode(q, row.creator_id, row.code, currency);
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
