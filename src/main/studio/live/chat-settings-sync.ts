import { CHAT_SETTINGS_KIND } from '@shared/domain/live/stream-sync';
import { oneRowStudioKind } from '../sync/one-row-kind';
import type { KindContext, StudioKind } from '../sync/synced-kind';
import type { ChatSettingsEditor } from './chat-settings-editor';
import type { ChatSettingsTable } from './chat-settings-table';

/** Chat settings in the studio's sync, as tip settings: one row, whole settings over a base version. */
export function chatSettingsStudioKind(
  context: KindContext,
  settings: ChatSettingsTable,
  editor: ChatSettingsEditor,
): StudioKind {
  return oneRowStudioKind(context, { spec: CHAT_SETTINGS_KIND, table: settings, editor });
}
