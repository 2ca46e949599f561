import type { Clock } from '@shared/domain/clock';
import { ConflictError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { amount, type Amount } from '@shared/domain/money';
import {
  addDays,
  discounted,
  GRACE_DAYS,
  nextPeriodEnd,
  proration,
  RETRY_AFTER_DAYS,
  type BillingInterval,
} from '@shared/domain/subscriptions/billing';
import type { Kysely, Transaction } from 'kysely';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountRepository } from '../accounts/account-repository';
import type { AccountView } from '../accounts/account-service';
import { PaymentDeclinedError, type PaymentPurpose, type PaymentService } from '../payments/payment-service';
import type { PaymentRecord } from '../payments/payment-repository';
import type {
  BatchJobHandler,
  ClaimedJob,
  JobHandler,
  NewScheduledJob,
  ScheduledJobRepository,
} from '../scheduler';
import type { PromoRecord, PromoRepository } from './promo-repository';
import type { SubscriptionRecord, SubscriptionRepository } from './subscription-repository';
import type { TierRecord, TierRepository } from './tier-repository';

export const RENEW_JOB = 'subscription.renew';
export const LAPSE_JOB = 'subscription.lapse';

/** What a subscription payment is for, carried in the payment's details and read back when it settles. */
type SubscriptionCharge =
  | {
      readonly kind: 'period';
      readonly subscriptionId: string;
      readonly periodStart: string;
      readonly periodEnd: string;
      /** The downgrade credit left after this charge. */
      readonly creditLeft: string;
    }
  | {
      readonly kind: 'upgrade';
      readonly subscriptionId: string;
      readonly tierId: string;
      readonly price: string;
    };

/** A tier as fans see it. */
export interface TierView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly perks: readonly string[];
  readonly rank: number;
  readonly currency: Amount['currency'];
  readonly monthlyPrice: string;
  readonly annualPrice: string | null;
  readonly trialDays: number;
  readonly ppvDiscountBps: number;
}

/** A subscription with its creator and tier named. */
export interface MySubscriptionView extends SubscriptionView {
  readonly creator: { readonly handle: string; readonly displayName: string };
  readonly tierName: string;
}

/** A subscription as its fan sees it in "my subscriptions". */
export interface SubscriptionView {
  readonly id: string;
  readonly creatorId: string;
  readonly tierId: string;
  readonly interval: BillingInterval;
  readonly currency: Amount['currency'];
  readonly price: string;
  readonly status: SubscriptionRecord['status'];
  readonly currentPeriodEnd: string;
  readonly cancelAtPeriodEnd: boolean;
  readonly graceUntil: string | null;
}

export interface SubscribeInput {
  readonly handle: string;
  readonly tierId: string;
  readonly interval: BillingInterval;
  readonly promoCode: string | null;
  readonly paymentMethod: string;
  readonly idempotencyKey: string;
}

export const toTierView = (t: TierRecord): TierView => ({
  id: t.id,
  name: t.name,
  description: t.description,
  perks: t.perks,
  rank: t.rank,
  currency: t.monthlyPrice.currency,
  monthlyPrice: t.monthlyPrice.minor.toString(),
  annualPrice: t.annualPrice?.minor.toString() ?? null,
  trialDays: t.trialDays,
  ppvDiscountBps: t.ppvDiscountBps,
});

const toView = (s: SubscriptionRecord): SubscriptionView => ({
  id: s.id,
  creatorId: s.creatorId,
  tierId: s.tierId,
  interval: s.interval,
  currency: s.price.currency,
  price: s.price.minor.toString(),
  status: s.status,
  currentPeriodEnd: s.currentPeriodEnd.toISOString(),
  cancelAtPeriodEnd: s.cancelAtPeriodEnd,
  graceUntil: s.graceUntil?.toISOString() ?? null,
});

export interface SubscriptionServiceDeps {
  readonly db: Kysely<Database>;
  readonly tiers: TierRepository;
  readonly promos: PromoRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly jobs: ScheduledJobRepository;
  readonly payments: PaymentService;
  readonly accounts: AccountRepository;
  readonly actingFor: ActingForPolicy;
  readonly clock: Clock;
}

/**
 * Subscriptions on every rail, with one lifecycle run by the durable scheduler: a renewal job at each period's
 * end charges the saved payment method through the payments service (its idempotency key names the period and
 * the attempt, so a job run twice charges once); a failed renewal leaves 3 days of grace with retries, then
 * the fan lapses to a follower; cancelling takes effect at the period's end. A payment that settles (at once,
 * or later through a webhook) moves the subscription on, in the payment's own transaction.
 */
export class SubscriptionService {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  // ——— tiers as fans see them (creators manage theirs with TierService and PromoService) ———

  async tiersOf(handle: string): Promise<TierView[]> {
    const creatorId = await this.#creatorId(handle);
    return (await this.deps.tiers.ofCreator(this.deps.db, creatorId)).map(toTierView);
  }

  // ——— a fan's subscriptions ———

  async subscribe(fan: AccountView, input: SubscribeInput): Promise<MySubscriptionView> {
    const { db, clock, subscriptions } = this.deps;
    const creatorId = await this.#creatorId(input.handle);
    if (creatorId === fan.id) throw new ValidationError('You cannot subscribe to yourself', 'handle');
    const tier = await this.deps.tiers.find(db, input.tierId);
    if (!tier || tier.creatorId !== creatorId || tier.archived) {
      throw new NotFoundError('No such tier of this creator (it may have been archived)');
    }
    const price = input.interval === 'month' ? tier.monthlyPrice : tier.annualPrice;
    if (!price) throw new ValidationError('this tier has no annual price', 'interval');
    const existing = await subscriptions.live(db, fan.id, creatorId);
    if (existing) {
      if (existing.id === input.idempotencyKey) return this.#named(existing); // the same request again
      throw new ConflictError('You are subscribed to this creator already; change your tier instead');
    }
    const promo = input.promoCode ? await this.#validPromo(creatorId, tier.id, input.promoCode) : null;

    const now = clock.now();
    const id = input.idempotencyKey; // a retried subscribe finds its subscription by this id
    const trial = tier.trialDays > 0 && !(await subscriptions.hadTrial(db, fan.id, creatorId));
    const periodEnd = trial ? addDays(now, tier.trialDays) : nextPeriodEnd(now, 1, input.interval);
    try {
      await db.transaction().execute(async (trx) => {
        if (promo && !(await this.deps.promos.use(trx, promo.id))) {
          throw new ValidationError('this promo code is used up', 'promoCode');
        }
        if (trial && !(await subscriptions.useTrial(trx, fan.id, creatorId, now))) {
          throw new ConflictError(
            'Your free trial with this creator was used; try again to subscribe without one',
          );
        }
        await subscriptions.insert(trx, {
          id,
          fanId: fan.id,
          creatorId,
          tierId: tier.id,
          interval: input.interval,
          price,
          status: trial ? 'trialing' : 'incomplete',
          // Renewals fall on the anniversary of the first paid period: the trial's end, or now.
          anchor: trial ? periodEnd : now,
          currentPeriodStart: now,
          currentPeriodEnd: periodEnd,
          promoCodeId: promo?.id ?? null,
          paymentMethod: input.paymentMethod,
          rail: this.deps.payments.rail.name,
        });
        if (trial) await this.#scheduleRenewal(trx, id, periodEnd, 0);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const again = await subscriptions.find(db, id);
        if (again && again.fanId === fan.id) return this.#named(again);
        throw new ConflictError('You are subscribed to this creator already; change your tier instead');
      }
      throw error;
    }
    if (!trial) await this.#chargePeriod((await subscriptions.find(db, id))!, now, periodEnd, 0, fan);
    return this.#named((await subscriptions.find(db, id))!);
  }

  /** The fan's subscriptions with their creators and tiers named, for "my subscriptions". */
  async mine(fan: AccountView): Promise<MySubscriptionView[]> {
    return Promise.all(
      (await this.deps.subscriptions.ofFan(this.deps.db, fan.id)).map((s) => this.#named(s)),
    );
  }

  /** A subscription as the fan sees it, with its creator and tier named. */
  async #named(s: SubscriptionRecord): Promise<MySubscriptionView> {
    const { db, accounts, tiers } = this.deps;
    const [creator, tier] = await Promise.all([
      accounts.findCreatorById(db, s.creatorId),
      tiers.find(db, s.tierId),
    ]);
    return {
      ...toView(s),
      creator: { handle: creator?.handle ?? '', displayName: creator?.display_name ?? '' },
      tierName: tier?.name ?? '',
    };
  }

  /** Cancels at the end of the period (a trial: at its end, never charged). */
  async cancel(fan: AccountView, subscriptionId: string): Promise<MySubscriptionView> {
    return this.#fansChange(fan, subscriptionId, async (trx, s) => {
      if (s.status === 'past_due') {
        await this.deps.subscriptions.update(trx, s.id, {
          status: 'canceled',
          ended_at: this.deps.clock.now(),
        });
      } else if (s.status === 'trialing' || s.status === 'active') {
        await this.deps.subscriptions.update(trx, s.id, { cancel_at_period_end: true });
      } else {
        throw new ValidationError('this subscription has ended already', 'subscriptionId');
      }
    });
  }

  /** Takes a cancellation back before the period ends. */
  async resume(fan: AccountView, subscriptionId: string): Promise<MySubscriptionView> {
    return this.#fansChange(fan, subscriptionId, async (trx, s) => {
      if ((s.status !== 'trialing' && s.status !== 'active') || s.currentPeriodEnd <= this.deps.clock.now()) {
        throw new ValidationError('only a subscription still running can be resumed', 'subscriptionId');
      }
      await this.deps.subscriptions.update(trx, s.id, { cancel_at_period_end: false });
    });
  }

  /** A new card for the renewals (the way out of a failed renewal's grace: the next retry uses it). */
  async updatePaymentMethod(
    fan: AccountView,
    subscriptionId: string,
    paymentMethod: string,
  ): Promise<MySubscriptionView> {
    return this.#fansChange(fan, subscriptionId, async (trx, s) => {
      if (!['trialing', 'active', 'past_due'].includes(s.status)) {
        throw new ValidationError('this subscription has ended', 'subscriptionId');
      }
      await this.deps.subscriptions.update(trx, s.id, { payment_method: paymentMethod });
    });
  }

  /**
   * Moves to another tier of the same creator, at once. An upgrade charges the difference for the time left
   * now (the new tier opens once it is paid); a downgrade leaves the difference as a credit on the next renewals.
   */
  async changeTier(
    fan: AccountView,
    subscriptionId: string,
    tierId: string,
    idempotencyKey: string,
  ): Promise<MySubscriptionView> {
    const { db, clock, subscriptions } = this.deps;
    const s = await subscriptions.find(db, subscriptionId);
    if (!s || s.fanId !== fan.id) throw new NotFoundError('No such subscription of yours');
    if (s.tierId === tierId) return this.#named(s);
    const tier = await this.deps.tiers.find(db, tierId);
    if (!tier || tier.creatorId !== s.creatorId || tier.archived)
      throw new NotFoundError('No such tier of this creator');
    const newPrice = s.interval === 'month' ? tier.monthlyPrice : tier.annualPrice;
    if (!newPrice) throw new ValidationError('this tier has no annual price', 'tierId');
    if (s.status === 'trialing') {
      await subscriptions.update(db, s.id, { tier_id: tier.id, price: newPrice.minor.toString() });
      return this.#named((await subscriptions.find(db, s.id))!);
    }
    if (s.status !== 'active')
      throw new ValidationError('only an active subscription changes tier', 'subscriptionId');
    const owed = proration({
      oldPrice: s.price,
      newPrice,
      periodStart: s.currentPeriodStart,
      periodEnd: s.currentPeriodEnd,
      at: clock.now(),
    });
    if (owed > 0n) {
      await this.deps.payments.pay({
        idempotencyKey: `sub:${s.id}:upgrade:${idempotencyKey}`,
        fan,
        creatorId: s.creatorId,
        source: 'subscription',
        itemId: s.id,
        amount: amount(newPrice.currency, owed),
        paymentMethod: s.paymentMethod,
        description: `Upgrade to ${tier.name}`,
        details: {
          kind: 'upgrade',
          subscriptionId: s.id,
          tierId: tier.id,
          price: newPrice.minor.toString(),
        } satisfies SubscriptionCharge,
      });
    } else {
      await subscriptions.update(db, s.id, {
        tier_id: tier.id,
        price: newPrice.minor.toString(),
        credit: (s.credit.minor - owed).toString(),
      });
    }
    return this.#named((await subscriptions.find(db, s.id))!);
  }

  // ——— what the payments service and the scheduler call ———

  purpose(): PaymentPurpose {
    const { subscriptions } = this.deps;
    return {
      source: 'subscription',
      settled: async (trx, payment) => {
        const charge = payment.details as unknown as SubscriptionCharge;
        const s = await subscriptions.find(trx, charge.subscriptionId, { lock: true });
        if (!s) return;
        if (charge.kind === 'upgrade') {
          await subscriptions.update(trx, s.id, { tier_id: charge.tierId, price: charge.price });
          return;
        }
        await this.#periodPaid(
          trx,
          s,
          new Date(charge.periodStart),
          new Date(charge.periodEnd),
          BigInt(charge.creditLeft),
        );
      },
      refunded: async (trx, payment, fully) => {
        if (fully) await this.#endAt(trx, payment, 'canceled');
      },
      // A disputed subscription payment ends the subscription at once (PRODUCT.md: a dispute revokes what was bought).
      disputed: (trx, payment) => this.#endAt(trx, payment, 'canceled'),
      failed: async (trx, payment) => {
        const charge = payment.details as unknown as SubscriptionCharge;
        if (charge.kind === 'period') await this.#forgetUnpaid(charge.subscriptionId, trx);
      },
      settledMany: async (trx, payments) => {
        const periods: { id: string; start: Date; end: Date; credit: bigint }[] = [];
        for (const payment of payments) {
          const charge = payment.details as unknown as SubscriptionCharge;
          if (charge.kind === 'period') {
            periods.push({
              id: charge.subscriptionId,
              start: new Date(charge.periodStart),
              end: new Date(charge.periodEnd),
              credit: BigInt(charge.creditLeft),
            });
          } else {
            await this.purpose().settled(trx, payment);
          }
        }
        const moved = await subscriptions.periodsPaid(trx, periods);
        await this.deps.jobs.scheduleMany(
          trx,
          moved.map(({ id, end }) => renewalJob(id, new Date(end), 0)),
        );
      },
    };
  }

  /** The renewal run: every renewal due together, charged and settled in bulk (see `PaymentService.payMany`). */
  batchJobHandlers(): Record<string, BatchJobHandler> {
    return { [RENEW_JOB]: (jobs) => this.#renewMany(jobs) };
  }

  async #renewMany(jobs: readonly ClaimedJob[]): Promise<ReadonlyMap<string, unknown>> {
    const { db, subscriptions } = this.deps;
    const failures = new Map<string, unknown>();
    const parsed = jobs.map((job) => ({
      job,
      ...(job.payload as { subscriptionId: string; periodEnd: string; attempt: number }),
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
      if (outcome instanceof PaymentDeclinedError) await this.#declined(s, start, 0);
      else if (outcome instanceof Error) failures.set(job.id, outcome);
    }
    return failures;
  }

  jobHandlers(): Record<string, JobHandler> {
    return {
      [RENEW_JOB]: (job) => this.#renew(job),
      [LAPSE_JOB]: (job) => this.#lapse(job),
    };
  }

  async #renew(job: ClaimedJob): Promise<void> {
    const { subscriptionId, periodEnd, attempt } = job.payload as {
      subscriptionId: string;
      periodEnd: string;
      attempt: number;
    };
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
    await this.#chargePeriod(s, due, next, attempt, fan);
  }

  async #lapse(job: ClaimedJob): Promise<void> {
    const { subscriptionId, periodEnd } = job.payload as { subscriptionId: string; periodEnd: string };
    const s = await this.deps.subscriptions.find(this.deps.db, subscriptionId);
    if (!s || s.status !== 'past_due' || s.currentPeriodEnd.getTime() !== new Date(periodEnd).getTime())
      return;
    await this.deps.subscriptions.update(this.deps.db, s.id, {
      status: 'lapsed',
      ended_at: this.deps.clock.now(),
    });
  }

  /** Charges the period [start, end) (the first, or a renewal attempt); what follows a decline is scheduled here. */
  async #chargePeriod(
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
        if (locked) await this.#periodPaid(trx, locked, start, end, BigInt(charge.creditLeft));
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
        await this.#forgetUnpaid(s.id);
        throw error;
      }
      await this.#declined(s, start, attempt);
    }
  }

  /** A renewal was declined: grace for 3 days from the period's end, with retries, then the fan lapses. */
  async #declined(s: SubscriptionRecord, periodEnd: Date, attempt: number): Promise<void> {
    const { db, subscriptions, jobs } = this.deps;
    if (attempt > 0) return; // the retries and the lapse were scheduled at the first decline
    const graceUntil = addDays(periodEnd, GRACE_DAYS);
    await db.transaction().execute(async (trx) => {
      await subscriptions.update(trx, s.id, { status: 'past_due', grace_until: graceUntil });
      for (const [index, days] of RETRY_AFTER_DAYS.entries()) {
        await this.#scheduleRenewal(trx, s.id, periodEnd, index + 1, addDays(periodEnd, days));
      }
      await jobs.schedule(trx, {
        kind: LAPSE_JOB,
        key: `lapse:${s.id}:${periodEnd.toISOString()}`,
        payload: { subscriptionId: s.id, periodEnd: periodEnd.toISOString() },
        runAt: graceUntil,
      });
    });
  }

  /** A paid period: active from `start` to `end`, the next renewal scheduled, in the payment's transaction. */
  async #periodPaid(
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
    await this.#scheduleRenewal(trx, s.id, end, 0);
  }

  async #scheduleRenewal(
    q: Queryable,
    subscriptionId: string,
    periodEnd: Date,
    attempt: number,
    runAt = periodEnd,
  ): Promise<void> {
    await this.deps.jobs.schedule(q, {
      kind: RENEW_JOB,
      key: `renew:${subscriptionId}:${periodEnd.toISOString()}:${attempt}`,
      payload: { subscriptionId, periodEnd: periodEnd.toISOString(), attempt },
      runAt,
    });
  }

  /**
   * A subscription whose first payment failed (at once, or later through the rail's event) never existed for
   * the fan: it is removed, and its promo code's use given back, so the fan may simply try again.
   */
  async #forgetUnpaid(subscriptionId: string, q: Queryable = this.deps.db): Promise<void> {
    const removed = await this.deps.subscriptions.removeIncomplete(q, subscriptionId);
    if (removed?.promoCodeId) await this.deps.promos.giveBack(q, removed.promoCodeId);
  }

  async #endAt(trx: Transaction<Database>, payment: PaymentRecord, status: 'canceled'): Promise<void> {
    const id = (payment.details as { subscriptionId?: string }).subscriptionId;
    if (!id) return;
    await this.deps.subscriptions.update(trx, id, { status, ended_at: this.deps.clock.now() });
  }

  async #fansChange(
    fan: AccountView,
    subscriptionId: string,
    change: (trx: Transaction<Database>, s: SubscriptionRecord) => Promise<void>,
  ): Promise<MySubscriptionView> {
    const { db, subscriptions } = this.deps;
    await db.transaction().execute(async (trx) => {
      const s = await subscriptions.find(trx, subscriptionId, { lock: true });
      if (!s || s.fanId !== fan.id) throw new NotFoundError('No such subscription of yours');
      await change(trx, s);
    });
    return this.#named((await subscriptions.find(db, subscriptionId))!);
  }

  async #validPromo(creatorId: string, tierId: string, code: string): Promise<PromoRecord> {
    const promo = await this.deps.promos.findByCode(this.deps.db, creatorId, code, 'USD');
    const now = this.deps.clock.now();
    if (!promo || promo.archived) throw new ValidationError('this promo code does not exist', 'promoCode');
    if (promo.expiresAt && promo.expiresAt <= now)
      throw new ValidationError('this promo code has expired', 'promoCode');
    if (promo.maxUses !== null && promo.uses >= promo.maxUses) {
      throw new ValidationError('this promo code is used up', 'promoCode');
    }
    if (promo.tierId && promo.tierId !== tierId)
      throw new ValidationError('this promo code is for another tier', 'promoCode');
    return promo;
  }

  async #creatorId(handle: string): Promise<string> {
    const row = await this.deps.accounts.findCreatorByHandle(handle.toLowerCase());
    if (!row) throw new NotFoundError(`No creator @${handle}`);
    return row.id;
  }
}

/** The payment of one period's charge attempt: the same key on the one-by-one and the bulk paths. */
const periodPaymentKey = (subscriptionId: string, start: Date, attempt: number) =>
  `sub:${subscriptionId}:period:${start.toISOString()}:${attempt}`;

function renewalJob(
  subscriptionId: string,
  periodEnd: Date,
  attempt: number,
  runAt = periodEnd,
): NewScheduledJob {
  return {
    kind: RENEW_JOB,
    key: `renew:${subscriptionId}:${periodEnd.toISOString()}:${attempt}`,
    payload: { subscriptionId, periodEnd: periodEnd.toISOString(), attempt },
    runAt,
  };
}
