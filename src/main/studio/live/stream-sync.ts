import { STREAM_KIND, type StreamMutation, type StreamSnapshot } from '@shared/domain/live/stream-sync';
import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { KindContext, KindResult, StudioKind } from '../sync/synced-kind';
import type { StreamEditor } from './stream-editor';
import { parseStream, syncedStreamRow, type StreamTable } from './stream-table';

/**
 * Planned streams in the studio's sync, as tiers: `applied`/`duplicate` confirm a version (the pull brings the
 * server's copy back and marks the stream synced); `rejected` marks it with the reason; `conflict` keeps the
 * creator's fields and the server's side by side. Pulled changes bring the web's edits and the stream's life
 * on the server (live, ended), which the studio shows but never sends.
 */
export function streamStudioKind(
  { outbox }: KindContext,
  streams: StreamTable,
  editor: StreamEditor,
): StudioKind {
  /** Bases the stream's waiting changes on the version the server answered; the version once they all apply. */
  function rebaseWaiting(streamId: string, confirmed: number): number {
    return outbox.rebaseWaiting<StreamMutation['change']>(
      STREAM_KIND.entity,
      streamId,
      confirmed,
      (change) => (change.type === 'create' ? 'create' : 'update'),
    );
  }

  return {
    spec: STREAM_KIND,
    usesBase: (mutation) => (mutation as StreamMutation).change.type !== 'create',
    resolveConflict: (id, keep) => void editor.resolveConflict(id, keep),

    applyResult(mutation: Mutation, result: KindResult) {
      const row = streams.find(mutation.entityId);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        const version = rebaseWaiting(row.id, result.version);
        const updated = { ...row, version, confirmed_version: result.version };
        const copy = row.server_copy ? parseStream(row.server_copy) : null;
        const settled =
          copy?.version === result.version && version === result.version && row.sync_state === 'pending';
        streams.save(settled && copy ? syncedStreamRow(copy) : updated);
      } else if (result.status === 'rejected') {
        const copy = row.server_copy ? parseStream(row.server_copy) : null;
        streams.save({
          ...row,
          version: row.confirmed_version ?? 0,
          // A refused cancel leaves the stream as the server has it.
          status:
            (mutation as StreamMutation).change.type === 'cancel'
              ? (copy?.status ?? 'scheduled')
              : row.status,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict') {
        const current = result.current as StreamSnapshot;
        streams.save({
          ...row,
          // A cancel answered with a conflict: the stream is as the server has it, for the creator to see.
          status: row.status === 'cancelled' ? current.status : row.status,
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
        if (change.op === 'upsert') streams.receive(change.data as StreamSnapshot);
      }
    },
  };
}
