import type { Clock } from '@shared/domain/clock';
import type { PaymentSource } from '@shared/domain/money/ledger';
import type { PaymentPurpose } from '../payments/payment-service';
import type { PurchaseRepository } from './purchase-repository';

/**
 * The purpose of a payment that opens one item to the fan (a post bought, a stream's ticket): settling grants
 * the purchase of the payment's item, a full refund or a dispute revokes it, in the payment's own transaction.
 */
export function entitlementPurpose(
  source: PaymentSource,
  purchases: PurchaseRepository,
  clock: Clock,
): PaymentPurpose {
  return {
    source,
    settled: (trx, payment) =>
      purchases.grant(trx, {
        fanId: payment.fanId,
        itemId: payment.itemId!,
        creatorId: payment.creatorId,
        paymentId: payment.id,
        at: payment.settledAt ?? clock.now(),
      }),
    refunded: async (trx, payment, fully) => {
      if (fully) await purchases.revoke(trx, payment.fanId, payment.itemId!, payment.id, clock.now());
    },
    disputed: (trx, payment) =>
      purchases.revoke(trx, payment.fanId, payment.itemId!, payment.id, clock.now()),
  };
}
