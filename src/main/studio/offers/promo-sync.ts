import { PROMO_KIND, type PromoChange } from '@shared/domain/subscriptions/promo';
import { syncedEntityKind } from '../sync/synced-entity-kind';
import type { KindContext, StudioKind } from '../sync/synced-kind';
import type { PromoTable } from './promo-table';

/**
 * Promo codes in the studio's sync. A code is created, then only deactivated, and neither checks a base
 * version: the server answers `applied` or `rejected` (a code taken already, an expiry passed while offline),
 * never a conflict.
 */
export function promoStudioKind(context: KindContext, promos: PromoTable): StudioKind {
  return syncedEntityKind(context, {
    spec: PROMO_KIND,
    table: promos,
    // No change carries a base version: each waiting one only adds a version to the one the server said.
    stepOf: (_change: PromoChange) => 'other',
    // A refused deactivation leaves the code as the server has it: in use.
    refused: (row, change) => ({ active: change.type === 'deactivate' ? 1 : row.active }),
  });
}
