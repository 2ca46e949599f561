import type Database from 'better-sqlite3';
import type { LocalPromo } from '@shared/domain/subscriptions/local-offers';
import { PROMO_KIND, type PromoDraft, type PromoSnapshot } from '@shared/domain/subscriptions/promo';
import { SyncedEntityTable, type SyncColumns, type SyncedTableShape } from '../sync/synced-entity-table';

/** A `promo_codes` row as SQLite returns it. */
export interface PromoRow extends SyncColumns {
  id: string;
  creator_id: string;
  code: string;
  percent_off: number | null;
  amount_off: string | null;
  tier_id: string | null;
  max_uses: number | null;
  expires_at: string | null;
  active: number;
  created_at: string;
}

const PROMO_TABLE: SyncedTableShape<PromoRow, PromoSnapshot> = {
  table: 'promo_codes',
  entity: PROMO_KIND.entity,
  key: 'id',
  fields: [
    'id',
    'creator_id',
    'code',
    'percent_off',
    'amount_off',
    'tier_id',
    'max_uses',
    'expires_at',
    'active',
    'created_at',
  ],
  parse: parsePromo,
  syncedRow: syncedPromoRow,
};

/** The `promo_codes` table of an account's database: the synced table's statements, the list and by code. */
export class PromoTable extends SyncedEntityTable<PromoRow, PromoSnapshot> {
  private readonly selectAll: Database.Statement;
  private readonly selectByCode: Database.Statement;

  constructor(db: Database.Database) {
    super(db, PROMO_TABLE);
    this.selectAll = db.prepare('SELECT * FROM promo_codes ORDER BY active DESC, created_at DESC, id DESC');
    this.selectByCode = db.prepare('SELECT * FROM promo_codes WHERE code = ?');
  }

  /** Every code: the ones in use first, newest first. */
  list(): PromoRow[] {
    return this.selectAll.all() as PromoRow[];
  }

  /** The code with this text (codes are kept upper-case), in use or not. */
  findByCode(code: string): PromoRow | undefined {
    return this.selectByCode.get(code.toUpperCase()) as PromoRow | undefined;
  }
}

export function toLocalPromo(row: PromoRow): LocalPromo {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ...promoDraftOfRow(row),
    currency: 'USD',
    active: row.active === 1,
    version: row.version,
    createdAt: row.created_at,
    syncState: row.sync_state,
    syncError: row.sync_error,
    // Codes have no conflicts (they are never edited): the server's copy is never the creator's to choose.
    serverVersion: null,
  };
}

function promoDraftOfRow(row: PromoRow): PromoDraft {
  return {
    code: row.code,
    percentOff: row.percent_off,
    amountOff: row.amount_off,
    tierId: row.tier_id,
    maxUses: row.max_uses,
    expiresAt: row.expires_at,
  };
}

export function promoDraftColumns(draft: PromoDraft) {
  return {
    code: draft.code,
    percent_off: draft.percentOff,
    amount_off: draft.amountOff,
    tier_id: draft.tierId,
    max_uses: draft.maxUses,
    expires_at: draft.expiresAt,
  };
}

export function parsePromo(json: string): PromoSnapshot {
  return JSON.parse(json) as PromoSnapshot;
}

/** The row as the server has it: synced, nothing of the creator's left to send. */
export function syncedPromoRow(promo: PromoSnapshot): PromoRow {
  return {
    id: promo.id,
    creator_id: promo.creatorId,
    ...promoDraftColumns(promo),
    active: promo.active ? 1 : 0,
    version: promo.version,
    confirmed_version: promo.version,
    created_at: promo.createdAt,
    sync_state: 'synced',
    sync_error: null,
    server_copy: null,
  };
}
