import { STREAM_KIND, type StreamChange } from '@shared/domain/live/stream-sync';
import { syncedEntityKind } from '../sync/synced-entity-kind';
import type { KindContext, StudioKind } from '../sync/synced-kind';
import type { StreamEditor } from './stream-editor';
import type { StreamTable } from './stream-table';

/**
 * Planned streams in the studio's sync, as tiers: `applied`/`duplicate` confirm a version (the pull brings the
 * server's copy back and marks the stream synced); `rejected` marks it with the reason; `conflict` keeps the
 * creator's fields and the server's side by side. Pulled changes bring the web's edits and the stream's life
 * on the server (live, ended), which the studio shows but never sends.
 */
export function streamStudioKind(
  context: KindContext,
  streams: StreamTable,
  editor: StreamEditor,
): StudioKind {
  return syncedEntityKind(context, {
    spec: STREAM_KIND,
    table: streams,
    // A cancel checks its base version as an edit does.
    stepOf: (change: StreamChange) => (change.type === 'create' ? 'create' : 'update'),
    resolveConflict: (id, keep) => editor.resolveConflict(id, keep),
    // A refused cancel leaves the stream as the server has it.
    refused: (row, change, copy) => ({
      status: change.type === 'cancel' ? (copy?.status ?? 'scheduled') : row.status,
    }),
    // A cancel answered with a conflict: the stream is as the server has it, for the creator to see.
    conflicted: (row, current) => ({ status: row.status === 'cancelled' ? current.status : row.status }),
  });
}
