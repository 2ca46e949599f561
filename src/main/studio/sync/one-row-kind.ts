import type { SyncedKindSpec } from '@shared/domain/sync/kind';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import { syncedEntityKind } from './synced-entity-kind';
import type { SyncColumns, SyncedEntityTable } from './synced-entity-table';
import type { KindContext, StudioKind } from './synced-kind';

/** What a one-row kind needs beyond its synced table (keyed by the account's id): its editor's settling. */
export interface OneRowKindParts<Row extends SyncColumns, Snapshot extends { readonly version: number }> {
  readonly spec: SyncedKindSpec;
  readonly table: SyncedEntityTable<Row, Snapshot>;
  readonly editor: { resolveConflict(keep: ConflictChoice): unknown };
}

/**
 * A kind the account holds one of (the profile, tip settings, chat settings), keyed by the account's id: whole
 * drafts over a base version; an answer rebases the waiting updates, a refusal goes back to the confirmed
 * version, a conflict keeps the server's copy for the creator to settle. Only the account's own row is pulled.
 */
export function oneRowStudioKind<Row extends SyncColumns, Snapshot extends { readonly version: number }>(
  context: KindContext,
  { spec, table, editor }: OneRowKindParts<Row, Snapshot>,
): StudioKind {
  return syncedEntityKind(context, {
    spec,
    table,
    stepOf: () => 'update',
    resolveConflict: (_id, keep) => editor.resolveConflict(keep),
    receives: (change) => change.id === context.account.id,
  });
}
