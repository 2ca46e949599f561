import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { SyncedKindSpec } from '@shared/domain/sync/kind';
import type { KindContext, KindResult, StudioKind } from './synced-kind';

/** The sync columns a one-row settings table keeps beside its fields. */
export interface OneRowSyncColumns {
  readonly server_copy: string | null;
  readonly version: number;
  readonly confirmed_version: number;
  readonly sync_state: string;
  readonly sync_error: string | null;
}

/** What a one-row kind needs of its table, its editor and its snapshot's codec. */
export interface OneRowKindParts<
  Snapshot extends { readonly version: number },
  Row extends OneRowSyncColumns,
> {
  readonly spec: SyncedKindSpec;
  readonly table: {
    find(accountId: string): Row | undefined | null;
    save(row: Row): void;
    receive(snapshot: Snapshot): void;
  };
  readonly editor: { resolveConflict(keep: 'mine' | 'server'): unknown };
  readonly parse: (serverCopy: string) => Snapshot;
  /** The row as the server's snapshot, synced. */
  readonly syncedRow: (snapshot: Snapshot) => Row;
}

/**
 * A kind the account holds one of (tip settings, chat settings), keyed by the account's id, in the studio's
 * sync as the profile is: whole drafts over a base version; an answer rebases the waiting updates, a refusal
 * goes back to the confirmed version, a conflict keeps the server's copy for the creator to settle.
 */
export function oneRowStudioKind<
  Snapshot extends { readonly version: number },
  Row extends OneRowSyncColumns,
>(
  { outbox, account }: KindContext,
  { spec, table, editor, parse, syncedRow }: OneRowKindParts<Snapshot, Row>,
): StudioKind {
  return {
    spec,
    usesBase: () => true,
    resolveConflict: (_id, keep) => void editor.resolveConflict(keep),

    applyResult(_mutation: Mutation, result: KindResult) {
      const row = table.find(account.id);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        // Each waiting update was based on a prediction; base the next one on the version the server said.
        const version = outbox.rebaseWaiting(spec.entity, account.id, result.version, () => 'update');
        const copy = row.server_copy ? parse(row.server_copy) : null;
        const settled =
          copy?.version === result.version && version === result.version && row.sync_state === 'pending';
        table.save(
          settled && copy ? syncedRow(copy) : { ...row, version, confirmed_version: result.version },
        );
      } else if (result.status === 'rejected') {
        table.save({
          ...row,
          version: row.confirmed_version,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict') {
        const current = result.current as Snapshot;
        table.save({
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
        if (change.op === 'upsert' && change.id === account.id) table.receive(change.data as Snapshot);
      }
    },
  };
}
