import { PROMO_KIND, type PromoChange } from '@shared/domain/subscriptions/promo';
import { syncedKind } from '../sync/synced-kind';
import type { PromoService } from './promo-service';

/** Promo codes in `sync.push`: created with the studio's id, then only deactivated. */
export function promoSyncedKind(promos: PromoService) {
  return syncedKind<PromoChange>({
    spec: PROMO_KIND,
    scope: 'finance',
    async apply({ trx, ownerId, entityId, change, mutationId }) {
      const { promo, seq } =
        change.type === 'create'
          ? await promos.createIn(trx, ownerId, entityId, change.draft, mutationId)
          : await promos.deactivateIn(trx, ownerId, entityId, mutationId);
      return { seq, version: promo.version };
    },
  });
}
