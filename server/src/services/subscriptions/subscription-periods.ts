import { amount } from '@shared/domain/money';
import { addDays, discounted, GRACE_DAYS, RETRY_AFTER_DAYS } from '@shared/domain/subscriptions/billing';
import type { Transaction } from 'kysely';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';
import { PaymentDeclinedError } from '../payments/payment-service';
import { periodPaymentKey, type SubscriptionCharge } from './subscription-charge';
import type { SubscriptionServiceDeps } from './subscription-context';
import { lapseJob, renewalJob } from './subscription-jobs';
import type { SubscriptionRecord } from './subscription-repository';

/**
 * A subscription's periods and their money, whoever asks (subscribing, a renewal, a payment settling): the
 * charge of one period, what a paid period moves on, and what follows a decline (grace, retries, the lapse).
 */
export class SubscriptionPeriods {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  /** Charges the period [start, end) (the first, or a renewal attempt); what follows a decline is scheduled here. */
  async chargePeriod(
    s: SubscriptionRecord,
    start: Date,
    end: Date,
    attempt: number,
    fan: { id: string; email: string },
  ): Promise<void> {
    const { db, subscriptions } = this.deps;
    const promo =
      s.periodsPaid === 0 && s.promoCodeId
        ? await this.deps.promos.findById(db, s.promoCodeId, s.price.currency)
        : null;
    const price = discounted(s.price, promo?.discount ?? null);
    const fromCredit = s.credit.minor < price.minor ? s.credit.minor : price.minor;
    const due = amount(price.currency, price.minor - fromCredit);
    const charge: SubscriptionCharge = {
      kind: 'period',
      subscriptionId: s.id,
      periodStart: start.toISOString(),
      periodEnd: end.toISOString(),
      creditLeft: (s.credit.minor - fromCredit).toString(),
    };
    if (due.minor === 0n) {
      // Free (a 100% promo, or credit): nothing to charge, the period is paid.
      await db.transaction().execute(async (trx) => {
        const locked = await subscriptions.find(trx, s.id, { lock: true });
        if (locked) await this.periodPaid(trx, locked, start, end, BigInt(charge.creditLeft));
      });
      return;
    }
    try {
      await this.deps.payments.pay({
        idempotencyKey: periodPaymentKey(s.id, start, attempt),
        fan,
        creatorId: s.creatorId,
        source: 'subscription',
        itemId: s.id,
        amount: due,
        paymentMethod: s.paymentMethod,
        description: 'Subscription',
        details: charge,
      });
    } catch (error) {
      if (!(error instanceof PaymentDeclinedError)) throw error;
      if (s.periodsPaid === 0 && s.status === 'incomplete') {
        // The first payment failed: no subscription came of it.
        await this.forgetUnpaid(s.id);
        throw error;
      }
      await this.declined(s, start, attempt);
    }
  }

  /** A renewal was declined: grace for 3 days from the period's end, with retries, then the fan lapses. */
  async declined(s: SubscriptionRecord, periodEnd: Date, attempt: number): Promise<void> {
    const { db, subscriptions, jobs } = this.deps;
    if (attempt > 0) return; // the retries and the lapse were scheduled at the first decline
    const graceUntil = addDays(periodEnd, GRACE_DAYS);
    await db.transaction().execute(async (trx) => {
      await subscriptions.update(trx, s.id, { status: 'past_due', grace_until: graceUntil });
      for (const [index, days] of RETRY_AFTER_DAYS.entries()) {
        await this.scheduleRenewal(trx, s.id, periodEnd, index + 1, addDays(periodEnd, days));
      }
      await jobs.schedule(trx, lapseJob(s.id, periodEnd, graceUntil));
    });
  }

  /** A paid period: active from `start` to `end`, the next renewal scheduled, in the payment's transaction. */
  async periodPaid(
    trx: Transaction<Database>,
    s: SubscriptionRecord,
    start: Date,
    end: Date,
    creditLeft: bigint,
  ): Promise<void> {
    if (s.currentPeriodEnd >= end && s.status === 'active') return; // paid already (a repeated event)
    if (s.status === 'canceled' || s.status === 'lapsed') return; // ended meanwhile: the payment will be refunded by support
    await this.deps.subscriptions.update(trx, s.id, {
      status: 'active',
      current_period_start: start,
      current_period_end: end,
      periods_paid: s.periodsPaid + 1,
      grace_until: null,
      credit: creditLeft.toString(),
    });
    await this.scheduleRenewal(trx, s.id, end, 0);
  }

  async scheduleRenewal(
    q: Queryable,
    subscriptionId: string,
    periodEnd: Date,
    attempt: number,
    runAt = periodEnd,
  ): Promise<void> {
    await this.deps.jobs.schedule(q, renewalJob(subscriptionId, periodEnd, attempt, runAt));
  }

  /**
   * A subscription whose first payment failed (at once, or later through the rail's event) never existed for
   * the fan: it is removed, and its promo code's use given back, so the fan may simply try again.
   */
  async forgetUnpaid(subscriptionId: string, q: Queryable = this.deps.db): Promise<void> {
    const removed = await this.deps.subscriptions.removeIncomplete(q, subscriptionId);
    if (removed?.promoCodeId) await this.deps.promos.giveBack(q, removed.promoCodeId);
  }
}
