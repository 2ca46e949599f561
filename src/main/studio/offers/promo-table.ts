import type Database from 'better-sqlite3';
import type { LocalPromo } from '@shared/domain/subscriptions/local-offers';
import type { PromoDraft, PromoSnapshot } from '@shared/domain/subscriptions/promo';
import type { SyncState } from '@shared/domain/sync/local-state';

/** A `promo_codes` row as SQLite returns it. */
export interface PromoRow {
  id: string;
  creator_id: string;
  code: string;
  percent_off: number | null;
  amount_off: string | null;
  tier_id: string | null;
  max_uses: number | null;
  expires_at: string | null;
  active: number;
  version: number;
  confirmed_version: number | null;
  created_at: string;
  sync_state: SyncState;
  sync_error: string | null;
  server_copy: string | null;
}

const COLUMNS = `id, creator_id, code, percent_off, amount_off, tier_id, max_uses, expires_at, active, version,
  confirmed_version, created_at, sync_state, sync_error, server_copy`;
const VALUES = `@id, @creator_id, @code, @percent_off, @amount_off, @tier_id, @max_uses, @expires_at, @active,
  @version, @confirmed_version, @created_at, @sync_state, @sync_error, @server_copy`;
const TAKE_EVERY_COLUMN = `code = excluded.code, percent_off = excluded.percent_off,
  amount_off = excluded.amount_off, tier_id = excluded.tier_id, max_uses = excluded.max_uses,
  expires_at = excluded.expires_at, active = excluded.active, version = excluded.version,
  confirmed_version = excluded.confirmed_version, created_at = excluded.created_at,
  sync_state = excluded.sync_state, sync_error = excluded.sync_error, server_copy = excluded.server_copy`;
const NOTHING_WAITING = `NOT EXISTS (SELECT 1 FROM outbox
  WHERE outbox.entity = 'promo' AND outbox.entity_id = promo_codes.id)`;

/** The `promo_codes` table of an account's database: every statement that reads or writes it. */
export class PromoTable {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly selectByCode: Database.Statement;
  private readonly saveRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly upsertIfSettled: Database.Statement;
  private readonly recordCopy: Database.Statement;

  constructor(db: Database.Database) {
    this.selectAll = db.prepare('SELECT * FROM promo_codes ORDER BY active DESC, created_at DESC, id DESC');
    this.selectOne = db.prepare('SELECT * FROM promo_codes WHERE id = ?');
    this.selectByCode = db.prepare('SELECT * FROM promo_codes WHERE code = ?');
    this.saveRow = db.prepare(
      `INSERT INTO promo_codes (${COLUMNS}) VALUES (${VALUES})
      ON CONFLICT (id) DO UPDATE SET ${TAKE_EVERY_COLUMN}`,
    );
    this.deleteRow = db.prepare('DELETE FROM promo_codes WHERE id = ?');
    this.upsertIfSettled = db.prepare(
      `INSERT INTO promo_codes (${COLUMNS}) VALUES (${VALUES})
      ON CONFLICT (id) DO UPDATE SET ${TAKE_EVERY_COLUMN}
      WHERE promo_codes.sync_state IN ('synced', 'pending') AND ${NOTHING_WAITING}`,
    );
    this.recordCopy = db.prepare(`UPDATE promo_codes SET server_copy = @copy, confirmed_version = @version,
        version = CASE WHEN ${NOTHING_WAITING} THEN @version ELSE version END
      WHERE id = @id`);
  }

  /** Every code: the ones in use first, newest first. */
  list(): PromoRow[] {
    return this.selectAll.all() as PromoRow[];
  }

  find(id: string): PromoRow | undefined {
    return this.selectOne.get(id) as PromoRow | undefined;
  }

  /** The code with this text (codes are kept upper-case), in use or not. */
  findByCode(code: string): PromoRow | undefined {
    return this.selectByCode.get(code.toUpperCase()) as PromoRow | undefined;
  }

  save(row: PromoRow): void {
    this.saveRow.run(row);
  }

  remove(id: string): void {
    this.deleteRow.run(id);
  }

  /** The server's code, as pulled: synced, unless the creator has something of theirs on it. */
  receive(promo: PromoSnapshot): void {
    if (this.upsertIfSettled.run(syncedPromoRow(promo)).changes === 0) {
      this.recordCopy.run({ copy: JSON.stringify(promo), version: promo.version, id: promo.id });
    }
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
