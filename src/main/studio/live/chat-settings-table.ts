import type Database from 'better-sqlite3';
import type { ChatSettings } from '@shared/domain/live/chat-settings';
import { CHAT_SETTINGS_KIND, type ChatSettingsSnapshot } from '@shared/domain/live/stream-sync';
import type { LocalSyncFields } from '@shared/domain/sync/local-state';
import { SyncedEntityTable, type SyncColumns, type SyncedTableShape } from '../sync/synced-entity-table';

/** The `live_chat_settings` row as SQLite returns it. */
export interface ChatSettingsRow extends SyncColumns {
  creator_id: string;
  slow_mode_seconds: number;
  blocked_words: string;
  /** A one-row kind's row starts as the server's defaults: some version is always confirmed. */
  confirmed_version: number;
  updated_at: string | null;
}

/** The creator's chat settings as the Live screen shows them. */
export interface LocalChatSettings extends ChatSettings, LocalSyncFields<ChatSettingsSnapshot> {
  readonly version: number;
}

const CHAT_SETTINGS_TABLE: SyncedTableShape<ChatSettingsRow, ChatSettingsSnapshot> = {
  table: 'live_chat_settings',
  entity: CHAT_SETTINGS_KIND.entity,
  key: 'creator_id',
  fields: ['creator_id', 'slow_mode_seconds', 'blocked_words', 'updated_at'],
  parse: parseChatSettings,
  syncedRow: syncedChatSettingsRow,
};

/** The `live_chat_settings` table of an account's database (one row: the account's own settings). */
export class ChatSettingsTable extends SyncedEntityTable<ChatSettingsRow, ChatSettingsSnapshot> {
  constructor(db: Database.Database) {
    super(db, CHAT_SETTINGS_TABLE);
  }
}

export function toLocalChatSettings(row: ChatSettingsRow): LocalChatSettings {
  return {
    slowModeSeconds: row.slow_mode_seconds,
    blockedWords: JSON.parse(row.blocked_words) as string[],
    version: row.version,
    syncState: row.sync_state,
    syncError: row.sync_error,
    serverVersion:
      row.sync_state === 'conflict' && row.server_copy ? parseChatSettings(row.server_copy) : null,
  };
}

export function parseChatSettings(json: string): ChatSettingsSnapshot {
  return JSON.parse(json) as ChatSettingsSnapshot;
}

/** The row as the server has it: synced, nothing of the creator's left to send. */
export function syncedChatSettingsRow(settings: ChatSettingsSnapshot): ChatSettingsRow {
  return {
    creator_id: settings.creatorId,
    slow_mode_seconds: settings.slowModeSeconds,
    blocked_words: JSON.stringify(settings.blockedWords),
    version: settings.version,
    confirmed_version: settings.version,
    updated_at: settings.updatedAt,
    sync_state: 'synced',
    sync_error: null,
    server_copy: null,
  };
}
