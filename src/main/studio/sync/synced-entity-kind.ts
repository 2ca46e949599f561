import type { SyncedKindSpec } from '@shared/domain/sync/kind';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { SyncColumns, SyncedEntityTable } from './synced-entity-table';
import type { KindContext, KindResult, StudioKind } from './synced-kind';

/** What one of a kind's changes does to the versions of the mutations waiting behind it. */
export type ChangeStep = 'create' | 'update' | 'other';

/** What a kind kept in a synced table needs beyond its table: what its changes are, and its own fields' rules. */
export interface SyncedEntityKindParts<
  Row extends SyncColumns,
  Snapshot extends { readonly version: number },
  KindChange,
> {
  readonly spec: SyncedKindSpec;
  readonly table: SyncedEntityTable<Row, Snapshot>;
  /**
   * A `create` gives the entity the server's first version; an `update` carries a base version (rebased on each
   * answer, and held back by the engine until the answer it depends on); `other` only adds a version.
   */
  readonly stepOf: (change: KindChange) => ChangeStep;
  /** Settles a conflict with the creator's choice. A kind without it is never answered with a conflict. */
  readonly resolveConflict?: (entityId: string, keep: ConflictChoice) => unknown;
  /** The fields a refused change gives back as the server has them (a refused archive: the tier on sale). */
  readonly refused?: (row: Row, change: KindChange, serverCopy: Snapshot | null) => Partial<Row>;
  /** The fields a conflict shows as the server has them, beside the creator's. */
  readonly conflicted?: (row: Row, current: Snapshot) => Partial<Row>;
  /** Whether a pulled change is this account's to keep (every one, unless said). */
  readonly receives?: (change: Change) => boolean;
}

/**
 * A kind kept in a synced table, in the studio's sync: `applied`/`duplicate` confirm a version and rebase the
 * waiting changes (the pull brings the server's copy back and marks the entity synced, or did already);
 * `rejected` goes back to the confirmed version with the reason; `conflict` keeps the creator's fields and the
 * server's copy side by side for the creator to settle. Pulled snapshots land through the table.
 */
export function syncedEntityKind<
  Row extends SyncColumns,
  Snapshot extends { readonly version: number },
  KindChange,
>({ outbox }: KindContext, parts: SyncedEntityKindParts<Row, Snapshot, KindChange>): StudioKind {
  const { spec, table, stepOf, resolveConflict, refused, conflicted, receives } = parts;
  const changeOf = (mutation: Mutation) => mutation.change as KindChange;

  return {
    spec,
    usesBase: (mutation) => stepOf(changeOf(mutation)) === 'update',
    ...(resolveConflict && { resolveConflict: (id, keep) => void resolveConflict(id, keep) }),

    applyResult(mutation: Mutation, result: KindResult) {
      const row = table.find(mutation.entityId);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        // Each waiting change was based on a prediction; base the next one on the version the server said.
        const version = outbox.rebaseWaiting(spec.entity, mutation.entityId, result.version, stepOf);
        // A pull already brought this version back: nothing is left to wait for.
        const copy = table.serverCopy(row);
        const settled =
          copy?.version === result.version && version === result.version && row.sync_state === 'pending';
        table.save(
          settled && copy ? table.syncedRow(copy) : { ...row, version, confirmed_version: result.version },
        );
      } else if (result.status === 'rejected') {
        table.save({
          ...row,
          version: row.confirmed_version ?? 0,
          ...refused?.(row, changeOf(mutation), table.serverCopy(row)),
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict' && resolveConflict) {
        const current = result.current as Snapshot;
        table.save({
          ...row,
          ...conflicted?.(row, current),
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
        if (change.op === 'upsert' && (receives?.(change) ?? true)) table.receive(change.data as Snapshot);
      }
    },
  };
}
