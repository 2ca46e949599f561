import { PROFILE_KIND, type ProfileSnapshot } from '@shared/domain/profile/profile';
import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { KindContext, KindResult, StudioKind } from '../sync/synced-kind';
import type { ProfileEditor } from './profile-editor';
import { parseProfile, syncedRow, type ProfileTable } from './profile-table';

/** The profile in the studio's sync: how the server's answers and pulled profiles land in the `profile` row. */
export function profileStudioKind(
  { outbox, account }: KindContext,
  profiles: ProfileTable,
  editor: ProfileEditor,
): StudioKind {
  return {
    spec: PROFILE_KIND,
    usesBase: () => true,
    resolveConflict: (_id, keep) => void editor.resolveConflict(keep),

    applyResult(_mutation: Mutation, result: KindResult) {
      const row = profiles.find(account.id);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        // Each waiting update was based on a prediction; base the next one on the version the server said.
        const version = outbox.rebaseWaiting(PROFILE_KIND.entity, account.id, result.version, () => 'update');
        const copy = row.server_copy ? parseProfile(row.server_copy) : null;
        const settled =
          copy?.version === result.version && version === result.version && row.sync_state === 'pending';
        profiles.save(
          settled && copy ? syncedRow(copy) : { ...row, version, confirmed_version: result.version },
        );
      } else if (result.status === 'rejected') {
        profiles.save({
          ...row,
          version: row.confirmed_version,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict') {
        const current = result.current as ProfileSnapshot;
        profiles.save({
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
        if (change.op === 'upsert' && change.id === account.id)
          profiles.receive(change.data as ProfileSnapshot);
      }
    },
  };
}
