import { CHAT_SETTINGS_KIND, type ChatSettingsSnapshot } from '@shared/domain/live/stream-sync';
import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { KindContext, KindResult, StudioKind } from '../sync/synced-kind';
import type { ChatSettingsEditor } from './chat-settings-editor';
import { parseChatSettings, syncedChatSettingsRow, type ChatSettingsTable } from './chat-settings-table';

/** Chat settings in the studio's sync, as tip settings: one row, whole settings over a base version. */
export function chatSettingsStudioKind(
  { outbox, account }: KindContext,
  settings: ChatSettingsTable,
  editor: ChatSettingsEditor,
): StudioKind {
  return {
    spec: CHAT_SETTINGS_KIND,
    usesBase: () => true,
    resolveConflict: (_id, keep) => void editor.resolveConflict(keep),

    applyResult(_mutation: Mutation, result: KindResult) {
      const row = settings.find(account.id);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        const version = outbox.rebaseWaiting(
          CHAT_SETTINGS_KIND.entity,
          account.id,
          result.version,
          () => 'update',
        );
        const copy = row.server_copy ? parseChatSettings(row.server_copy) : null;
        const settled =
          copy?.version === result.version && version === result.version && row.sync_state === 'pending';
        settings.save(
          settled && copy
            ? syncedChatSettingsRow(copy)
            : { ...row, version, confirmed_version: result.version },
        );
      } else if (result.status === 'rejected') {
        settings.save({
          ...row,
          version: row.confirmed_version,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict') {
        const current = result.current as ChatSettingsSnapshot;
        settings.save({
          ...row,
          version: current.version,
          confirmed_version: current.version,
          sync_state: 'conflict',
          sync_error: null,
          server_copy: JSON.stringify(current),
        });
      }
    },

    applyChanges(changes: readonly Change[]) {
      for (const change of changes) {
        if (change.op === 'upsert' && change.id === account.id) {
          settings.receive(change.data as ChatSettingsSnapshot);
        }
      }
    },
  };
}
