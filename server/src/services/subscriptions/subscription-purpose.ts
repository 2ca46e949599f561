import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { PaymentPurpose } from '../payments/payment-service';
import type { PaymentRecord } from '../payments/payment-repository';
import type { SubscriptionCharge } from './subscription-charge';
import type { SubscriptionServiceDeps } from './subscription-context';
import { renewalJob } from './subscription-jobs';
import type { SubscriptionPeriods } from './subscription-periods';

/**
 * What a subscription payment does when it settles (at once, or later through a webhook), in the payment's own
 * transaction: a period paid moves the subscription on, an upgrade opens the new tier; a full refund or a dispute
 * ends the subscription, and a first payment that fails removes it.
 */
export function subscriptionPurpose(
  deps: SubscriptionServiceDeps,
  periods: SubscriptionPeriods,
): PaymentPurpose {
  const { subscriptions } = deps;
  const endAt = async (
    trx: Transaction<Database>,
    payment: PaymentRecord,
    status: 'canceled',
  ): Promise<void> => {
    const id = (payment.details as { subscriptionId?: string }).subscriptionId;
    if (!id) return;
    await subscriptions.update(trx, id, { status, ended_at: deps.clock.now() });
  };
  const settled: PaymentPurpose['settled'] = async (trx, payment) => {
    const charge = payment.details as unknown as SubscriptionCharge;
    const s = await subscriptions.find(trx, charge.subscriptionId, { lock: true });
    if (!s) return;
    if (charge.kind === 'upgrade') {
      await subscriptions.update(trx, s.id, { tier_id: charge.tierId, price: charge.price });
      return;
    }
    await periods.periodPaid(
      trx,
      s,
      new Date(charge.periodStart),
      new Date(charge.periodEnd),
      BigInt(charge.creditLeft),
    );
  };
  return {
    source: 'subscription',
    settled,
    refunded: async (trx, payment, fully) => {
      if (fully) await endAt(trx, payment, 'canceled');
    },
    // A disputed subscription payment ends the subscription at once (PRODUCT.md: a dispute revokes what was bought).
    disputed: (trx, payment) => endAt(trx, payment, 'canceled'),
    failed: async (trx, payment) => {
      const charge = payment.details as unknown as SubscriptionCharge;
      if (charge.kind === 'period') await periods.forgetUnpaid(charge.subscriptionId, trx);
    },
    settledMany: async (trx, payments) => {
      const periodsPaid: { id: string; start: Date; end: Date; credit: bigint }[] = [];
      for (const payment of payments) {
        const charge = payment.details as unknown as SubscriptionCharge;
        if (charge.kind === 'period') {
          periodsPaid.push({
            id: charge.subscriptionId,
            start: new Date(charge.periodStart),
            end: new Date(charge.periodEnd),
            credit: BigInt(charge.creditLeft),
          });
        } else {
          await settled(trx, payment);
        }
      }
      const moved = await subscriptions.periodsPaid(trx, periodsPaid);
      await deps.jobs.scheduleMany(
        trx,
        moved.map(({ id, end }) => renewalJob(id, new Date(end), 0)),
      );
    },
  };
}
