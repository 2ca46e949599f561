import { TIER_KIND, type TierChange } from '@shared/domain/subscriptions/tier';
import { syncedEntityKind } from '../sync/synced-entity-kind';
import type { KindContext, StudioKind } from '../sync/synced-kind';
import type { TierEditor } from './tier-editor';
import type { TierTable } from './tier-table';

/**
 * Tiers in the studio's sync: `applied`/`duplicate` confirm a version (the pull brings the server's copy back
 * and marks the tier synced); `rejected` marks it with the reason; `conflict` keeps the creator's fields and the
 * server's side by side. Tiers are archived, never deleted: every pulled change is the tier as the server has it.
 */
export function tierStudioKind(context: KindContext, tiers: TierTable, editor: TierEditor): StudioKind {
  return syncedEntityKind(context, {
    spec: TIER_KIND,
    table: tiers,
    // Archiving checks no base: it is final, whatever was edited meanwhile.
    stepOf: (change: TierChange) => (change.type === 'archive' ? 'other' : change.type),
    resolveConflict: (id, keep) => editor.resolveConflict(id, keep),
    // A refused archive leaves the tier as the server has it: on sale.
    refused: (row, change) => ({ archived: change.type === 'archive' ? 0 : row.archived }),
  });
}
