import { NotFoundError, ValidationError } from '@shared/domain/errors';
import { amount } from '@shared/domain/money';
import { proration } from '@shared/domain/subscriptions/billing';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccountView } from '../accounts/account-service';
import type { SubscriptionCharge } from './subscription-charge';
import type { SubscriptionServiceDeps } from './subscription-context';
import type { SubscriptionReads } from './subscription-reads';
import type { SubscriptionRecord } from './subscription-repository';
import type { MySubscriptionView } from './subscription-views';

/** What a fan changes on a subscription of theirs: cancel and resume, a new card, another tier. */
export class SubscriptionFanChanges {
  constructor(
    private readonly deps: SubscriptionServiceDeps,
    private readonly reads: SubscriptionReads,
  ) {}

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
    if (s.tierId === tierId) return this.reads.named(s);
    const tier = await this.deps.tiers.find(db, tierId);
    if (!tier || tier.creatorId !== s.creatorId || tier.archived)
      throw new NotFoundError('No such tier of this creator');
    const newPrice = s.interval === 'month' ? tier.monthlyPrice : tier.annualPrice;
    if (!newPrice) throw new ValidationError('this tier has no annual price', 'tierId');
    if (s.status === 'trialing') {
      await subscriptions.update(db, s.id, { tier_id: tier.id, price: newPrice.minor.toString() });
      return this.reads.named((await subscriptions.find(db, s.id))!);
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
    return this.reads.named((await subscriptions.find(db, s.id))!);
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
    return this.reads.named((await subscriptions.find(db, subscriptionId))!);
  }
}
