import { PROMO_KIND, type PromoMutation, type PromoSnapshot } from '@shared/domain/subscriptions/promo';
import type { Change, Mutation } from '@shared/domain/sync/protocol';
import type { KindContext, KindResult, StudioKind } from '../sync/synced-kind';
import { parsePromo, syncedPromoRow, type PromoTable } from './promo-table';

/**
 * Promo codes in the studio's sync. A code is created, then only deactivated, and neither checks a base
 * version: the server answers `applied` or `rejected` (a code taken already, an expiry passed while offline),
 * never a conflict.
 */
export function promoStudioKind({ outbox }: KindContext, promos: PromoTable): StudioKind {
  return {
    spec: PROMO_KIND,

    applyResult(mutation: Mutation, result: KindResult) {
      const row = promos.find(mutation.entityId);
      if (!row) return;
      if (result.status === 'applied' || result.status === 'duplicate') {
        const waiting = outbox.pendingFor(PROMO_KIND.entity, row.id);
        const copy = row.server_copy ? parsePromo(row.server_copy) : null;
        const settled = copy?.version === result.version && waiting === 0 && row.sync_state === 'pending';
        promos.save(
          settled && copy
            ? syncedPromoRow(copy)
            : { ...row, version: result.version + waiting, confirmed_version: result.version },
        );
      } else if (result.status === 'rejected') {
        const { change } = mutation as PromoMutation;
        promos.save({
          ...row,
          version: row.confirmed_version ?? 0,
          // A refused deactivation leaves the code as the server has it: in use.
          active: change.type === 'deactivate' ? 1 : row.active,
          sync_state: 'rejected',
          sync_error: result.message,
        });
      }
    },

    applyChanges(changes: readonly Change[]) {
      for (const change of changes) {
        if (change.op === 'upsert') promos.receive(change.data as PromoSnapshot);
      }
    },
  };
}
