import { amount, type Amount } from '@shared/domain/money';
import { nextPeriodEnd } from '@shared/domain/subscriptions/billing';
import { PaymentDeclinedError } from '../payments/payment-service';
import type { BatchJobHandler, ClaimedJob, JobHandler } from '../scheduler';
import { periodPaymentKey, type SubscriptionCharge } from './subscription-charge';
import type { SubscriptionServiceDeps } from './subscription-context';
import { LAPSE_JOB, RENEW_JOB, type LapsePayload, type RenewalPayload } from './subscription-jobs';
import type { SubscriptionPeriods } from './subscription-periods';
import type { SubscriptionRecord } from './subscription-repository';

/**
 * The scheduler's side of subscriptions: a renewal job at each period's end charges the saved payment method
 * (one by one, or every renewal due together in bulk), and a lapse job ends a subscription whose grace ran out.
 */
export class SubscriptionRenewals {
  constructor(
    private readonly deps: SubscriptionServiceDeps,
    private readonly periods: SubscriptionPeriods,
  ) {}

  /** The renewal run: every renewal due together, charged and settled in bulk (see `PaymentService.payMany`). */
  batchJobHandlers(): Record<string, BatchJobHandler> {
    return { [RENEW_JOB]: (jobs) => this.#renewMany(jobs) };
  }

  jobHandlers(): Record<string, JobHandler> {
    return {
      [RENEW_JOB]: (job) => this.#renew(job),
      [LAPSE_JOB]: (job) => this.#lapse(job),
    };
  }

  async #renewMany(jobs: readonly ClaimedJob[]): Promise<ReadonlyMap<string, unknown>> {
    const { db, subscriptions } = this.deps;
    const failures = new Map<string, unknown>();
    const parsed = jobs.map((job) => ({
      job,
      ...(job.payload as RenewalPayload),
    }));
    const found = await subscriptions.findMany(
      db,
      parsed.map((p) => p.subscriptionId),
    );
    const charges: {
      job: ClaimedJob;
      s: SubscriptionRecord;
      start: Date;
      due: Amount;
      charge: SubscriptionCharge;
    }[] = [];
    for (const { job, subscriptionId, periodEnd, attempt } of parsed) {
      const s = found.get(subscriptionId);
      const start = new Date(periodEnd);
      const simple =
        s &&
        ['trialing', 'active'].includes(s.status) &&
        s.currentPeriodEnd.getTime() === start.getTime() &&
        !s.cancelAtPeriodEnd &&
        attempt === 0 &&
        !(s.periodsPaid === 0 && s.promoCodeId) &&
        s.credit.minor < s.price.minor;
      if (!simple) {
        // The rare cases (a first charge with a promo, credit, a cancellation, a retry, a stale job) take the
        // one-by-one path, which decides them exactly as a single renewal would.
        try {
          await this.#renew(job);
        } catch (error) {
          failures.set(job.id, error);
        }
        continue;
      }
      const end = nextPeriodEnd(s.anchor, s.periodsPaid + 1, s.interval);
      charges.push({
        job,
        s,
        start,
        due: amount(s.price.currency, s.price.minor - s.credit.minor),
        charge: {
          kind: 'period',
          subscriptionId: s.id,
          periodStart: start.toISOString(),
          periodEnd: end.toISOString(),
          creditLeft: '0',
        },
      });
    }
    const outcomes = await this.deps.payments.payMany(
      charges.map(({ s, start, due, charge }) => ({
        idempotencyKey: periodPaymentKey(s.id, start, 0),
        fan: { id: s.fanId, email: '' },
        creatorId: s.creatorId,
        source: 'subscription' as const,
        itemId: s.id,
        amount: due,
        paymentMethod: s.paymentMethod,
        description: 'Subscription',
        details: charge,
      })),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const { job, s, start } = charges[i]!;
      if (outcome instanceof PaymentDeclinedError) await this.periods.declined(s, start, 0);
      else if (outcome instanceof Error) failures.set(job.id, outcome);
    }
    return failures;
  }

  async #renew(job: ClaimedJob): Promise<void> {
    const { subscriptionId, periodEnd, attempt } = job.payload as RenewalPayload;
    const { db, subscriptions } = this.deps;
    const s = await subscriptions.find(db, subscriptionId);
    const due = new Date(periodEnd);
    if (!s || !['trialing', 'active', 'past_due'].includes(s.status)) return;
    if (s.currentPeriodEnd.getTime() !== due.getTime()) return; // renewed already: this job is stale
    if (s.cancelAtPeriodEnd) {
      await subscriptions.update(db, s.id, { status: 'canceled', ended_at: due });
      return;
    }
    const next = nextPeriodEnd(s.anchor, s.periodsPaid + 1, s.interval);
    const fan = { id: s.fanId, email: '' };
    await this.periods.chargePeriod(s, due, next, attempt, fan);
  }

  async #lapse(job: ClaimedJob): Promise<void> {
    const { subscriptionId, periodEnd } = job.payload as LapsePayload;
    const s = await this.deps.subscriptions.find(this.deps.db, subscriptionId);
    if (!s || s.status !== 'past_due' || s.currentPeriodEnd.getTime() !== new Date(periodEnd).getTime())
      return;
    await this.deps.subscriptions.update(this.deps.db, s.id, {
      status: 'lapsed',
      ended_at: this.deps.clock.now(),
    });
  }
}
