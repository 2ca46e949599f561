import type Database from 'better-sqlite3';
import type { LocalTier } from '@shared/domain/subscriptions/local-offers';
import { TIER_KIND, type TierDraft, type TierSnapshot } from '@shared/domain/subscriptions/tier';
import { SyncedEntityTable, type SyncColumns, type SyncedTableShape } from '../sync/synced-entity-table';

/** A `tiers` row as SQLite returns it. */
export interface TierRow extends SyncColumns {
  id: string;
  creator_id: string;
  name: string;
  description: string;
  perks: string;
  rank: number;
  monthly_price: string;
  annual_price: string | null;
  trial_days: number;
  ppv_discount_bps: number;
  archived: number;
  updated_at: string;
}

const TIER_TABLE: SyncedTableShape<TierRow, TierSnapshot> = {
  table: 'tiers',
  entity: TIER_KIND.entity,
  key: 'id',
  fields: [
    'id',
    'creator_id',
    'name',
    'description',
    'perks',
    'rank',
    'monthly_price',
    'annual_price',
    'trial_days',
    'ppv_discount_bps',
    'archived',
    'updated_at',
  ],
  parse: parseTier,
  syncedRow: syncedTierRow,
};

/** The `tiers` table of an account's database: the synced table's statements, and the tiers' list. */
export class TierTable extends SyncedEntityTable<TierRow, TierSnapshot> {
  private readonly selectAll: Database.Statement;

  constructor(db: Database.Database) {
    super(db, TIER_TABLE);
    this.selectAll = db.prepare('SELECT * FROM tiers ORDER BY archived, rank, name, id');
  }

  /** Every tier: the ones taking subscribers first, by rank. */
  list(): TierRow[] {
    return this.selectAll.all() as TierRow[];
  }
}

export function toLocalTier(row: TierRow): LocalTier {
  return {
    id: row.id,
    creatorId: row.creator_id,
    ...tierDraftOfRow(row),
    currency: 'USD',
    archived: row.archived === 1,
    version: row.version,
    updatedAt: row.updated_at,
    syncState: row.sync_state,
    syncError: row.sync_error,
    serverVersion: row.sync_state === 'conflict' && row.server_copy ? parseTier(row.server_copy) : null,
  };
}

export function tierDraftOfRow(row: TierRow): TierDraft {
  return {
    name: row.name,
    description: row.description,
    perks: JSON.parse(row.perks) as string[],
    rank: row.rank,
    monthlyPrice: row.monthly_price,
    annualPrice: row.annual_price,
    trialDays: row.trial_days,
    ppvDiscountBps: row.ppv_discount_bps,
  };
}

/** A draft's columns, to write over a row. */
export function tierDraftColumns(draft: TierDraft) {
  return {
    name: draft.name,
    description: draft.description,
    perks: JSON.stringify(draft.perks),
    rank: draft.rank,
    monthly_price: draft.monthlyPrice,
    annual_price: draft.annualPrice,
    trial_days: draft.trialDays,
    ppv_discount_bps: draft.ppvDiscountBps,
  };
}

export function parseTier(json: string): TierSnapshot {
  return JSON.parse(json) as TierSnapshot;
}

/** The row as the server has it: synced, nothing of the creator's left to send. */
export function syncedTierRow(tier: TierSnapshot): TierRow {
  return {
    id: tier.id,
    creator_id: tier.creatorId,
    ...tierDraftColumns(tier),
    archived: tier.archived ? 1 : 0,
    version: tier.version,
    confirmed_version: tier.version,
    updated_at: tier.updatedAt,
    sync_state: 'synced',
    sync_error: null,
    server_copy: null,
  };
}
