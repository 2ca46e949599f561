import type Database from 'better-sqlite3';
import { chatSettingsSchema, type ChatSettings } from '@shared/domain/live/chat-settings';
import {
  CHAT_SETTINGS_KIND,
  defaultChatSettings,
  type ChatSettingsChange,
  type ChatSettingsSnapshot,
} from '@shared/domain/live/stream-sync';
import { OneRowEditor } from '../sync/one-row-editor';
import type { Outbox } from '../sync/outbox';
import {
  toLocalChatSettings,
  type ChatSettingsRow,
  type ChatSettingsTable,
  type LocalChatSettings,
} from './chat-settings-table';

/**
 * The creator's chat settings in the studio (slow mode, blocked words, for all their streams), edited offline
 * or online as tip settings are: each save writes the row and queues the whole settings over their base.
 */
export class ChatSettingsEditor extends OneRowEditor<
  ChatSettingsRow,
  ChatSettingsSnapshot,
  ChatSettings,
  LocalChatSettings
> {
  constructor(
    db: Database.Database,
    settings: ChatSettingsTable,
    outbox: Outbox,
    creatorId: string,
    now: () => Date = () => new Date(),
  ) {
    super(
      db,
      outbox,
      {
        entity: CHAT_SETTINGS_KIND.entity,
        accountId: creatorId,
        table: settings,
        draftSchema: chatSettingsSchema,
        fieldsOf: ({ slowModeSeconds, blockedWords }) => ({
          slow_mode_seconds: slowModeSeconds,
          blocked_words: JSON.stringify(blockedWords),
        }),
        draftOf: (row) => {
          const { slowModeSeconds, blockedWords } = toLocalChatSettings(row);
          return { slowModeSeconds, blockedWords };
        },
        changeOf: (baseVersion, settings): ChatSettingsChange => ({ type: 'update', baseVersion, settings }),
        defaults: () => defaultChatSettings(creatorId),
        toLocal: toLocalChatSettings,
        named: 'The chat settings',
      },
      now,
    );
  }
}
