import { TIER_KIND, type TierMutation, type TierSnapshot } from '@shared/domain/subscriptions/tier';
import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { KindContext, KindResult, StudioKind } from '../sync/synced-kind';
import type { TierEditor } from './tier-editor';
import { parseTier, syncedTierRow, type TierTable } from './tier-table';

/**
 * Tiers in the studio's sync: `applied`/`duplicate` confirm a version (the pull brings the server's copy back
 * and marks the tier synced); `rejected` marks it with the reason; `conflict` keeps the creator's fields and the
 * server's side by side.
 */
export function tierStudioKind({ outbox }: KindContext, tiers: TierTable, editor: TierEditor): StudioKind {
  /**
   * Bases the tier's waiting updates on `confirmed`, the version the server answered: the first exactly, later
   * ones a prediction (+1 each) corrected in turn. Returns the version the tier will have once they all apply.
   */
  function rebaseWaiting(tierId: string, confirmed: number): number {
    return outbox.rebaseWaiting<TierMutation['change']>(TIER_KIND.entity, tierId, confirmed, (change) =>
      change.type === 'create' || change.type === 'update' ? change.type : 'other',
    );
  }

  return {
    spec: TIER_KIND,
    usesBase: (mutation) => (mutation as TierMutation).change.type === 'update',
    resolveConflict: (id, keep) => void editor.resolveConflict(id, keep),

    applyResult(mutation: Mutation, result: KindResult) {
      const row = tiers.find(mutation.entityId);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        const version = rebaseWaiting(row.id, result.version);
        const updated = { ...row, version, confirmed_version: result.version };
        // A pull already brought this version back: nothing is left to wait for.
        const copy = row.server_copy ? parseTier(row.server_copy) : null;
        const settled =
          copy?.version === result.version && version === result.version && row.sync_state === 'pending';
        tiers.save(settled && copy ? syncedTierRow(copy) : updated);
      } else if (result.status === 'rejected') {
        tiers.save({
          ...row,
          version: row.confirmed_version ?? 0,
          // A refused archive leaves the tier as the server has it: on sale.
          archived: (mutation as TierMutation).change.type === 'archive' ? 0 : row.archived,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      } else if (result.status === 'conflict') {
        const current = result.current as TierSnapshot;
        tiers.save({
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
        // Tiers are archived, never deleted: every change is the tier as the server has it.
        if (change.op === 'upsert') tiers.receive(change.data as TierSnapshot);
      }
    },
  };
}
