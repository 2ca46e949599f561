import type Database from 'better-sqlite3';
import type { LocalTipSettings } from '@shared/domain/tips/local-tip-settings';
import {
  TIP_SETTINGS_KIND,
  type TipSettingsDraft,
  type TipSettingsSnapshot,
} from '@shared/domain/tips/tip-settings';
import { SyncedEntityTable, type SyncColumns, type SyncedTableShape } from '../sync/synced-entity-table';

/** The `tip_settings` row as SQLite returns it. */
export interface TipSettingsRow extends SyncColumns {
  creator_id: string;
  minimum: string;
  presets: string;
  goal_title: string | null;
  goal_amount: string | null;
  goal_started_at: string | null;
  /** A one-row kind's row starts as the server's defaults: some version is always confirmed. */
  confirmed_version: number;
  updated_at: string | null;
}

const TIP_SETTINGS_TABLE: SyncedTableShape<TipSettingsRow, TipSettingsSnapshot> = {
  table: 'tip_settings',
  entity: TIP_SETTINGS_KIND.entity,
  key: 'creator_id',
  fields: ['creator_id', 'minimum', 'presets', 'goal_title', 'goal_amount', 'goal_started_at', 'updated_at'],
  parse: parseTipSettings,
  syncedRow: syncedTipSettingsRow,
};

/** The `tip_settings` table of an account's database (one row: the account's own settings). */
export class TipSettingsTable extends SyncedEntityTable<TipSettingsRow, TipSettingsSnapshot> {
  constructor(db: Database.Database) {
    super(db, TIP_SETTINGS_TABLE);
  }
}

export function toLocalTipSettings(row: TipSettingsRow): LocalTipSettings {
  return {
    creatorId: row.creator_id,
    currency: 'USD',
    minimum: row.minimum,
    presets: JSON.parse(row.presets) as string[],
    goal:
      row.goal_title !== null && row.goal_amount !== null
        ? { title: row.goal_title, amount: row.goal_amount, startedAt: row.goal_started_at ?? '' }
        : null,
    version: row.version,
    updatedAt: row.updated_at,
    syncState: row.sync_state,
    syncError: row.sync_error,
    serverVersion:
      row.sync_state === 'conflict' && row.server_copy ? parseTipSettings(row.server_copy) : null,
  };
}

/**
 * A draft's columns, to write over a row. A goal keeps the start it has while its title stays (the server's
 * rule); a new goal's start is the server's to set, so it stays empty here until the server answers.
 */
export function tipSettingsDraftColumns(draft: TipSettingsDraft, before: TipSettingsRow | undefined) {
  const sameGoal = draft.goal !== null && before?.goal_title === draft.goal.title;
  return {
    minimum: draft.minimum,
    presets: JSON.stringify(draft.presets),
    goal_title: draft.goal?.title ?? null,
    goal_amount: draft.goal?.amount ?? null,
    goal_started_at: sameGoal ? (before?.goal_started_at ?? null) : null,
  };
}

export function parseTipSettings(json: string): TipSettingsSnapshot {
  return JSON.parse(json) as TipSettingsSnapshot;
}

/** The row as the server has it: synced, nothing of the creator's left to send. */
export function syncedTipSettingsRow(settings: TipSettingsSnapshot): TipSettingsRow {
  return {
    creator_id: settings.creatorId,
    minimum: settings.minimum,
    presets: JSON.stringify(settings.presets),
    goal_title: settings.goal?.title ?? null,
    goal_amount: settings.goal?.amount ?? null,
    goal_started_at: settings.goal?.startedAt ?? null,
    version: settings.version,
    confirmed_version: settings.version,
    updated_at: settings.updatedAt,
    sync_state: 'synced',
    sync_error: null,
    server_copy: null,
  };
}
