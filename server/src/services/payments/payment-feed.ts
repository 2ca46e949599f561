import { PAYMENT_KIND, type PaymentSnapshot } from '@shared/domain/money/payment-kind';
import type { Queryable } from '../../db/queryable';
import type { NewChange } from '../sync/change-feed';
import type { FeedOutbox } from '../sync/feed-outbox';
import type { PaymentRecord } from './payment-repository';

const toSnapshot = (p: PaymentRecord): PaymentSnapshot => ({
  id: p.id,
  source: p.source,
  itemId: p.itemId,
  fanId: p.fanId,
  currency: p.amount.currency,
  amount: p.amount.minor.toString(),
  fee: p.fee.minor.toString(),
  refunded: p.amountRefunded.minor.toString(),
  status: p.status,
  settledAt: p.settledAt?.toISOString() ?? null,
  createdAt: p.createdAt.toISOString(),
});

/** A payment's state as a change of its creator's feed (the `payment` kind, written only by the server). */
export const paymentChange = (payment: PaymentRecord): NewChange => ({
  entity: PAYMENT_KIND.entity,
  op: 'upsert',
  id: payment.id,
  data: toSnapshot(payment),
});

/**
 * Queues the payment's state for its creator's studio in the caller's transaction: through the feed outbox,
 * never by locking the creator's feed counter (the caller asks the outbox to flush once it has committed).
 */
export async function enqueuePaymentSnapshot(
  outbox: FeedOutbox,
  q: Queryable,
  payment: PaymentRecord,
): Promise<void> {
  await outbox.enqueue(q, payment.creatorId, paymentChange(payment));
}
