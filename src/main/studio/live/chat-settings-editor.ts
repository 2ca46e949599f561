import type Database from 'better-sqlite3';
import { ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { describeIssues } from '@shared/domain/input-issues';
import { chatSettingsSchema, type ChatSettings } from '@shared/domain/live/chat-settings';
import {
  CHAT_SETTINGS_KIND,
  defaultChatSettings,
  type ChatSettingsChange,
} from '@shared/domain/live/stream-sync';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { NoConflictError } from '../sync/no-conflict-error';
import type { Outbox } from '../sync/outbox';
import {
  parseChatSettings,
  syncedChatSettingsRow,
  toLocalChatSettings,
  type ChatSettingsRow,
  type ChatSettingsTable,
  type LocalChatSettings,
} from './chat-settings-table';

/**
 * The creator's chat settings in the studio (slow mode, blocked words, for all their streams), edited offline
 * or online as tip settings are: each save writes the row and queues the whole settings over their base.
 */
export class ChatSettingsEditor {
  constructor(
    private readonly db: Database.Database,
    private readonly settings: ChatSettingsTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The settings as the studio has them; before any edit or pull, slow mode off and nothing blocked. */
  get(): LocalChatSettings {
    return toLocalChatSettings(this.row());
  }

  /** Saves new settings; in a conflict it only edits the creator's side until they choose. */
  update(input: unknown): LocalChatSettings {
    const parsed = chatSettingsSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(describeIssues(parsed.error.issues));
    return this.db.transaction(() => {
      const before = this.row();
      const row: ChatSettingsRow = {
        ...before,
        slow_mode_seconds: parsed.data.slowModeSeconds,
        blocked_words: JSON.stringify(parsed.data.blockedWords),
        updated_at: this.now().toISOString(),
      };
      if (row.sync_state === 'conflict') {
        this.settings.save(row);
        return toLocalChatSettings(row);
      }
      return this.write(row, row.version, parsed.data);
    })();
  }

  /** Settles a conflict: 'server' takes the server's settings, 'mine' sends the creator's over them. */
  resolveConflict(keep: ConflictChoice): LocalChatSettings {
    return this.db.transaction(() => {
      const row = this.row();
      if (row.sync_state !== 'conflict' || !row.server_copy) throw new NoConflictError('The chat settings');
      const server = parseChatSettings(row.server_copy);
      this.outbox.dropFor(CHAT_SETTINGS_KIND.entity, this.creatorId);
      if (keep === 'server') {
        const synced = syncedChatSettingsRow(server);
        this.settings.save(synced);
        return toLocalChatSettings(synced);
      }
      const { slowModeSeconds, blockedWords } = toLocalChatSettings(row);
      return this.write({ ...row, confirmed_version: server.version, server_copy: null }, server.version, {
        slowModeSeconds,
        blockedWords,
      });
    })();
  }

  private write(row: ChatSettingsRow, base: number, settings: ChatSettings): LocalChatSettings {
    const written: ChatSettingsRow = { ...row, version: base + 1, sync_state: 'pending', sync_error: null };
    this.settings.save(written);
    const change: ChatSettingsChange = { type: 'update', baseVersion: base, settings };
    this.outbox.enqueue({ id: newId(), entity: CHAT_SETTINGS_KIND.entity, entityId: this.creatorId, change });
    return toLocalChatSettings(written);
  }

  private row(): ChatSettingsRow {
    return this.settings.find(this.creatorId) ?? syncedChatSettingsRow(defaultChatSettings(this.creatorId));
  }
}
