import { TIER_KIND, type TierChange } from '@shared/domain/subscriptions/tier';
import { syncedKind } from '../sync/synced-kind';
import type { TierService } from './tier-service';

/** Tiers in `sync.push`: the studio made the tier's id, so an offline-created tier is named before it syncs. */
export function tierSyncedKind(tiers: TierService) {
  return syncedKind<TierChange>({
    spec: TIER_KIND,
    scope: 'finance',
    async apply({ trx, ownerId, entityId, change, mutationId }) {
      const { tier, seq } =
        change.type === 'create'
          ? await tiers.createIn(trx, ownerId, entityId, change.draft, mutationId)
          : change.type === 'update'
            ? await tiers.updateIn(trx, ownerId, entityId, change.draft, change.baseVersion, mutationId)
            : await tiers.archiveIn(trx, ownerId, entityId, mutationId);
      return { seq, version: tier.version };
    },
  });
}
