import type { KindContext } from '../sync/synced-kind';
import { ChatSettingsEditor } from './chat-settings-editor';
import { chatSettingsStudioKind } from './chat-settings-sync';
import { ChatSettingsTable } from './chat-settings-table';
import { StreamEditor } from './stream-editor';
import { streamStudioKind } from './stream-sync';
import { StreamTable } from './stream-table';

/**
 * What the creator plans for their streams over one account's database, offline or online: the planned
 * streams and the chat settings, and the two kinds the sync engine applies.
 */
export function openLivePlans(context: KindContext) {
  const { db, outbox, account } = context;
  const streamTable = new StreamTable(db);
  const chatSettingsTable = new ChatSettingsTable(db);
  const streams = new StreamEditor(db, streamTable, outbox, account.id);
  const chatSettings = new ChatSettingsEditor(db, chatSettingsTable, outbox, account.id);
  return {
    streams,
    chatSettings,
    kinds: [
      streamStudioKind(context, streamTable, streams),
      chatSettingsStudioKind(context, chatSettingsTable, chatSettings),
    ],
  };
}
