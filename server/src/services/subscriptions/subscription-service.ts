import type { AccountView } from '../accounts/account-service';
import type { PaymentPurpose } from '../payments/payment-service';
import type { BatchJobHandler, JobHandler } from '../scheduler';
import type { SubscriptionServiceDeps } from './subscription-context';
import { SubscriptionFanChanges } from './subscription-fan-changes';
import { SubscriptionPeriods } from './subscription-periods';
import { subscriptionPurpose } from './subscription-purpose';
import { SubscriptionReads } from './subscription-reads';
import { SubscriptionRenewals } from './subscription-renewals';
import { SubscriptionSignups, type SubscribeInput } from './subscription-signups';
import type { MySubscriptionView, TierView } from './subscription-views';

export type { SubscriptionServiceDeps } from './subscription-context';
export { LAPSE_JOB, RENEW_JOB } from './subscription-jobs';
export type { SubscribeInput } from './subscription-signups';
export {
  toTierView,
  type MySubscriptionView,
  type SubscriptionView,
  type TierView,
} from './subscription-views';

/**
 * Subscriptions on every rail, with one lifecycle run by the durable scheduler: a renewal job at each period's
 * end charges the saved payment method through the payments service (its idempotency key names the period and
 * the attempt, so a job run twice charges once); a failed renewal leaves 3 days of grace with retries, then
 * the fan lapses to a follower; cancelling takes effect at the period's end. A payment that settles (at once,
 * or later through a webhook) moves the subscription on, in the payment's own transaction.
 *
 * The one door the routers and the composition use; the work is done by its parts, which share its deps:
 * `SubscriptionReads` (tiers and subscriptions as fans see them), `SubscriptionSignups` (subscribe),
 * `SubscriptionFanChanges` (cancel, resume, a new card, another tier), `SubscriptionRenewals` (the renewal and
 * lapse jobs), `subscriptionPurpose` (what its payments do when they settle, fail, are refunded or disputed),
 * all over `SubscriptionPeriods` (a period's charge, a paid period, a declined renewal's grace).
 */
export class SubscriptionService {
  readonly #deps: SubscriptionServiceDeps;
  readonly #periods: SubscriptionPeriods;
  readonly #reads: SubscriptionReads;
  readonly #signups: SubscriptionSignups;
  readonly #fanChanges: SubscriptionFanChanges;
  readonly #renewals: SubscriptionRenewals;

  constructor(deps: SubscriptionServiceDeps) {
    this.#deps = deps;
    this.#periods = new SubscriptionPeriods(deps);
    this.#reads = new SubscriptionReads(deps);
    this.#signups = new SubscriptionSignups(deps, this.#reads, this.#periods);
    this.#fanChanges = new SubscriptionFanChanges(deps, this.#reads);
    this.#renewals = new SubscriptionRenewals(deps, this.#periods);
  }

  // ——— tiers as fans see them (creators manage theirs with TierService and PromoService) ———

  /** A creator's tiers, archived ones left out, as fans see them. */
  tiersOf(handle: string): Promise<TierView[]> {
    return this.#reads.tiersOf(handle);
  }

  // ——— a fan's subscriptions ———

  /** See `SubscriptionSignups.subscribe`. */
  subscribe(fan: AccountView, input: SubscribeInput): Promise<MySubscriptionView> {
    return this.#signups.subscribe(fan, input);
  }

  /** The fan's subscriptions with their creators and tiers named, for "my subscriptions". */
  mine(fan: AccountView): Promise<MySubscriptionView[]> {
    return this.#reads.mine(fan);
  }

  /** Cancels at the end of the period (a trial: at its end, never charged). */
  cancel(fan: AccountView, subscriptionId: string): Promise<MySubscriptionView> {
    return this.#fanChanges.cancel(fan, subscriptionId);
  }

  /** Takes a cancellation back before the period ends. */
  resume(fan: AccountView, subscriptionId: string): Promise<MySubscriptionView> {
    return this.#fanChanges.resume(fan, subscriptionId);
  }

  /** A new card for the renewals (the way out of a failed renewal's grace: the next retry uses it). */
  updatePaymentMethod(
    fan: AccountView,
    subscriptionId: string,
    paymentMethod: string,
  ): Promise<MySubscriptionView> {
    return this.#fanChanges.updatePaymentMethod(fan, subscriptionId, paymentMethod);
  }

  /** See `SubscriptionFanChanges.changeTier`: an upgrade is charged the difference, a downgrade credited. */
  changeTier(
    fan: AccountView,
    subscriptionId: string,
    tierId: string,
    idempotencyKey: string,
  ): Promise<MySubscriptionView> {
    return this.#fanChanges.changeTier(fan, subscriptionId, tierId, idempotencyKey);
  }

  // ——— what the payments service and the scheduler call ———

  purpose(): PaymentPurpose {
    return subscriptionPurpose(this.#deps, this.#periods);
  }

  /** The renewal run: every renewal due together, charged and settled in bulk (see `PaymentService.payMany`). */
  batchJobHandlers(): Record<string, BatchJobHandler> {
    return this.#renewals.batchJobHandlers();
  }

  jobHandlers(): Record<string, JobHandler> {
    return this.#renewals.jobHandlers();
  }
}
