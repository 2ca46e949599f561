import type Database from 'better-sqlite3';
import type { LocalTier } from '@shared/domain/subscriptions/local-offers';
import type { TierDraft, TierSnapshot } from '@shared/domain/subscriptions/tier';
import type { SyncState } from '@shared/domain/sync/local-state';

/** A `tiers` row as SQLite returns it. */
export interface TierRow {
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
  version: number;
  confirmed_version: number | null;
  updated_at: string;
  sync_state: SyncState;
  sync_error: string | null;
  server_copy: string | null;
}

const COLUMNS = `id, creator_id, name, description, perks, rank, monthly_price, annual_price, trial_days,
  ppv_discount_bps, archived, version, confirmed_version, updated_at, sync_state, sync_error, server_copy`;
const VALUES = `@id, @creator_id, @name, @description, @perks, @rank, @monthly_price, @annual_price, @trial_days,
  @ppv_discount_bps, @archived, @version, @confirmed_version, @updated_at, @sync_state, @sync_error, @server_copy`;
const TAKE_EVERY_COLUMN = `name = excluded.name, description = excluded.description, perks = excluded.perks,
  rank = excluded.rank, monthly_price = excluded.monthly_price, annual_price = excluded.annual_price,
  trial_days = excluded.trial_days, ppv_discount_bps = excluded.ppv_discount_bps, archived = excluded.archived,
  version = excluded.version, confirmed_version = excluded.confirmed_version, updated_at = excluded.updated_at,
  sync_state = excluded.sync_state, sync_error = excluded.sync_error, server_copy = excluded.server_copy`;
const NOTHING_WAITING = `NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.entity = 'tier' AND outbox.entity_id = tiers.id)`;

/** The `tiers` table of an account's database: every statement that reads or writes it. */
export class TierTable {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly saveRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly upsertIfSettled: Database.Statement;
  private readonly recordCopy: Database.Statement;

  constructor(db: Database.Database) {
    this.selectAll = db.prepare('SELECT * FROM tiers ORDER BY archived, rank, name, id');
    this.selectOne = db.prepare('SELECT * FROM tiers WHERE id = ?');
    this.saveRow = db.prepare(
      `INSERT INTO tiers (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (id) DO UPDATE SET ${TAKE_EVERY_COLUMN}`,
    );
    this.deleteRow = db.prepare('DELETE FROM tiers WHERE id = ?');
    // The server's tier lands as synced only while the creator has nothing of theirs on it.
    this.upsertIfSettled = db.prepare(
      `INSERT INTO tiers (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (id) DO UPDATE SET ${TAKE_EVERY_COLUMN}
      WHERE tiers.sync_state IN ('synced', 'pending') AND ${NOTHING_WAITING}`,
    );
    // With nothing waiting in the outbox, the next local edit is based on this server version.
    this.recordCopy = db.prepare(`UPDATE tiers SET server_copy = @copy, confirmed_version = @version,
        version = CASE WHEN ${NOTHING_WAITING} THEN @version ELSE version END
      WHERE id = @id`);
  }

  /** Every tier: the ones taking subscribers first, by rank. */
  list(): TierRow[] {
    return this.selectAll.all() as TierRow[];
  }

  find(id: string): TierRow | undefined {
    return this.selectOne.get(id) as TierRow | undefined;
  }

  /** Writes every column of the row (inserting it the first time). */
  save(row: TierRow): void {
    this.saveRow.run(row);
  }

  remove(id: string): void {
    this.deleteRow.run(id);
  }

  /** The server's tier, as pulled: synced, unless the creator has something of theirs on it. */
  receive(tier: TierSnapshot): void {
    if (this.upsertIfSettled.run(syncedTierRow(tier)).changes === 0) {
      this.recordCopy.run({ copy: JSON.stringify(tier), version: tier.version, id: tier.id });
    }
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
