import type { Change, Mutation } from '@shared/domain/sync/protocol';
import { TIP_SETTINGS_KIND, type TipSettingsSnapshot } from '@shared/domain/tips/tip-settings';
import type { KindContext, KindResult, StudioKind } from '../sync/synced-kind';
import type { TipSettingsEditor } from './tip-settings-editor';
import { parseTipSettings, syncedTipSettingsRow, type TipSettingsTable } from './tip-settings-table';

/** Tip settings in the studio's sync, as the profile's: one row, whole drafts over a base version. */
export function tipSettingsStudioKind(
  { outbox, account }: KindContext,
  settings: TipSettingsTable,
  editor: TipSettingsEditor,
): StudioKind {
  return {
    spec: TIP_SETTINGS_KIND,
    usesBase: () => true,
    resolveConflict: (_id, keep) => void editor.resolveConflict(keep),

    applyResult(_mutation: Mutation, result: KindResult) {
      const row = settings.find(account.id);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        // Each waiting update was based on a prediction; base the next one on the version the server said.
        const version = outbox.rebaseWaiting(
          TIP_SETTINGS_KIND.entity,
          account.id,
          result.version,
          () => 'update',
        );
        const copy = row.server_copy ? parseTipSettings(row.server_copy) : null;
        const settled =
          copy?.version === result.version && version === result.version && row.sync_state === 'pending';
        settings.save(
          settled && copy
            ? syncedTipSettingsRow(copy)
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
        const current = result.current as TipSettingsSnapshot;
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
          settings.receive(change.data as TipSettingsSnapshot);
        }
      }
    },
  };
}
