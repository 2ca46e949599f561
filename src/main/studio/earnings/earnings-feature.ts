import { PAYMENT_KIND, paymentSnapshotSchema } from '@shared/domain/money/payment-kind';
import type { KindContext, StudioKind } from '../sync/synced-kind';
import { PaymentTable } from './payment-table';

/**
 * Earnings over one account's database: fans' payments as the server tells them, kept for the earnings screen
 * to read offline. The studio never changes them (a kind only the server writes). A change whose data this
 * studio cannot read is skipped, not applied half-way: a newer server's field must not break an older studio.
 */
export function openEarnings(context: KindContext) {
  const table = new PaymentTable(context.db);
  const kind: StudioKind = {
    spec: PAYMENT_KIND,
    applyChanges(changes) {
      for (const change of changes) {
        if (change.op === 'delete') {
          table.delete(change.id);
          continue;
        }
        const parsed = paymentSnapshotSchema.safeParse(change.data);
        if (parsed.success) table.upsert(parsed.data);
      }
    },
  };
  return { payments: table, kind };
}
