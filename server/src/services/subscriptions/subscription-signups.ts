import { ConflictError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { addDays, nextPeriodEnd, type BillingInterval } from '@shared/domain/subscriptions/billing';
import type { AccountView } from '../accounts/account-service';
import type { PromoRecord } from './promo-repository';
import type { SubscriptionServiceDeps } from './subscription-context';
import type { SubscriptionPeriods } from './subscription-periods';
import type { SubscriptionReads } from './subscription-reads';
import type { MySubscriptionView } from './subscription-views';

export interface SubscribeInput {
  readonly handle: string;
  readonly tierId: string;
  readonly interval: BillingInterval;
  readonly promoCode: string | null;
  readonly paymentMethod: string;
  readonly idempotencyKey: string;
}

/** A fan subscribes: the tier, a promo code and a free trial checked, then the first period paid (or the trial begun). */
export class SubscriptionSignups {
  constructor(
    private readonly deps: SubscriptionServiceDeps,
    private readonly reads: SubscriptionReads,
    private readonly periods: SubscriptionPeriods,
  ) {}

  async subscribe(fan: AccountView, input: SubscribeInput): Promise<MySubscriptionView> {
    const { db, clock, subscriptions } = this.deps;
    const creatorId = await this.reads.creatorId(input.handle);
    if (creatorId === fan.id) throw new ValidationError('You cannot subscribe to yourself', 'handle');
    const tier = await this.deps.tiers.find(db, input.tierId);
    if (!tier || tier.creatorId !== creatorId || tier.archived) {
      throw new NotFoundError('No such tier of this creator (it may have been archived)');
    }
    const price = input.interval === 'month' ? tier.monthlyPrice : tier.annualPrice;
    if (!price) throw new ValidationError('this tier has no annual price', 'interval');
    const existing = await subscriptions.live(db, fan.id, creatorId);
    if (existing) {
      if (existing.id === input.idempotencyKey) return this.reads.named(existing); // the same request again
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
        if (trial) await this.periods.scheduleRenewal(trx, id, periodEnd, 0);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const again = await subscriptions.find(db, id);
        if (again && again.fanId === fan.id) return this.reads.named(again);
        throw new ConflictError('You are subscribed to this creator already; change your tier instead');
      }
      throw error;
    }
    if (!trial) await this.periods.chargePeriod((await subscriptions.find(db, id))!, now, periodEnd, 0, fan);
    return this.reads.named((await subscriptions.find(db, id))!);
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
}
