import type Database from 'better-sqlite3';
import type { ChatSettings } from '@shared/domain/live/chat-settings';
import { CHAT_SETTINGS_KIND, type ChatSettingsSnapshot } from '@shared/domain/live/stream-sync';
import type { LocalSyncFields, SyncState } from '@shared/domain/sync/local-state';

/** The `live_chat_settings` row as SQLite returns it. */
export interface ChatSettingsRow {
  creator_id: string;
  slow_mode_seconds: number;
  blocked_words: string;
  version: number;
  confirmed_version: number;
  updated_at: string | null;
  sync_state: SyncState;
  sync_error: string | null;
  server_copy: string | null;
}

/** The creator's chat settings as the Live screen shows them. */
export interface LocalChatSettings extends ChatSettings, LocalSyncFields<ChatSettingsSnapshot> {
  readonly version: number;
}

const COLUMNS = `creator_id, slow_mode_seconds, blocked_words, version, confirmed_version, updated_at,
  sync_state, sync_error, server_copy`;
const VALUES = `@creator_id, @slow_mode_seconds, @blocked_words, @version, @confirmed_version, @updated_at,
  @sync_state, @sync_error, @server_copy`;
const TAKE_EVERY_COLUMN = `slow_mode_seconds = excluded.slow_mode_seconds,
  blocked_words = excluded.blocked_words, version = excluded.version,
  confirmed_version = excluded.confirmed_version, updated_at = excluded.updated_at,
  sync_state = excluded.sync_state, sync_error = excluded.sync_error, server_copy = excluded.server_copy`;
const NOTHING_WAITING = `NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.entity = '${CHAT_SETTINGS_KIND.entity}')`;

/** The `live_chat_settings` table of an account's database (one row: the account's own settings). */
export class ChatSettingsTable {
  private readonly selectRow: Database.Statement;
  private readonly saveRow: Database.Statement;
  private readonly upsertIfSettled: Database.Statement;
  private readonly recordCopy: Database.Statement;

  constructor(db: Database.Database) {
    this.selectRow = db.prepare('SELECT * FROM live_chat_settings WHERE creator_id = ?');
    this.saveRow = db.prepare(
      `INSERT INTO live_chat_settings (${COLUMNS}) VALUES (${VALUES})
      ON CONFLICT (creator_id) DO UPDATE SET ${TAKE_EVERY_COLUMN}`,
    );
    this.upsertIfSettled = db.prepare(
      `INSERT INTO live_chat_settings (${COLUMNS}) VALUES (${VALUES})
      ON CONFLICT (creator_id) DO UPDATE SET ${TAKE_EVERY_COLUMN}
      WHERE live_chat_settings.sync_state IN ('synced', 'pending') AND ${NOTHING_WAITING}`,
    );
    this.recordCopy = db.prepare(`UPDATE live_chat_settings SET server_copy = @copy,
        confirmed_version = @version, version = CASE WHEN ${NOTHING_WAITING} THEN @version ELSE version END
      WHERE creator_id = @creator_id`);
  }

  find(creatorId: string): ChatSettingsRow | undefined {
    return this.selectRow.get(creatorId) as ChatSettingsRow | undefined;
  }

  save(row: ChatSettingsRow): void {
    this.saveRow.run(row);
  }

  /** The server's settings, as pulled: synced, unless the creator has something of theirs on them. */
  receive(settings: ChatSettingsSnapshot): void {
    if (this.upsertIfSettled.run(syncedChatSettingsRow(settings)).changes === 0) {
      this.recordCopy.run({
        copy: JSON.stringify(settings),
        version: settings.version,
        creator_id: settings.creatorId,
      });
    }
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
