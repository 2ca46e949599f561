import type { Amount } from '@shared/domain/money';
import type { AccountView } from '../accounts/account-service';
import { PaymentCharges } from './payment-charges';
import type { PaymentLedgerContext, PaymentServiceDeps } from './payment-context';
import { PaymentEvents } from './payment-events';
import { PaymentPurposes, type PaymentPurpose } from './payment-purposes';
import type { PaymentRail, RailEvent } from './payment-rail';
import { PaymentRefunds } from './payment-refunds';
import type { PaymentRecord } from './payment-repository';
import { PaymentSettlement, type Payer } from './payment-settlement';
import type { PaymentView, PayRequest } from './payment-types';

export type { PaymentServiceDeps } from './payment-context';
export type { PaymentPurpose } from './payment-purposes';
export { PaymentDeclinedError, toPaymentView, type PaymentView, type PayRequest } from './payment-types';

/**
 * How fans pay, once for every feature: a payment row (pending) under the fan's idempotency key, the rail's
 * charge under the payment's id as its idempotency key, then, in one transaction, the payment settled, the
 * ledger's transfers and what the payment bought. Rail events (webhooks, the sandbox's later outcomes) go
 * through `handleEvent`, de-duplicated by id and safe in any order. A payment's change reaches the creator's
 * studio through the feed outbox, never by locking the creator's feed counter.
 *
 * The one door other features use; the work is done by its parts, which share one `PaymentLedgerContext`:
 * `PaymentCharges` (pay, one or many), `PaymentSettlement` (settle or fail a charged payment),
 * `PaymentRefunds` and `PaymentEvents` (the rail's events, disputes among them).
 */
export class PaymentService {
  readonly #purposes = new PaymentPurposes();
  readonly #rail: PaymentRail;
  readonly #settlement: PaymentSettlement;
  readonly #charges: PaymentCharges;
  readonly #refunds: PaymentRefunds;
  readonly #events: PaymentEvents;

  constructor(deps: PaymentServiceDeps) {
    const ctx: PaymentLedgerContext = { ...deps, purposes: this.#purposes };
    this.#rail = deps.rail;
    this.#settlement = new PaymentSettlement(ctx);
    this.#charges = new PaymentCharges(ctx, this.#settlement);
    this.#refunds = new PaymentRefunds(ctx);
    this.#events = new PaymentEvents(ctx, this.#settlement, this.#refunds);
  }

  get rail(): PaymentRail {
    return this.#rail;
  }

  /** A feature's purpose: what it does when one of its payments settles, is refunded, fails or is disputed. */
  register(purpose: PaymentPurpose): void {
    this.#purposes.register(purpose);
  }

  /** See `PaymentCharges.pay`. */
  pay(request: PayRequest): Promise<PaymentView> {
    return this.#charges.pay(request);
  }

  /** See `PaymentCharges.payMany`: a renewal run's payments, each request's view or error, in order. */
  payMany(requests: readonly PayRequest[]): Promise<(PaymentView | Error)[]> {
    return this.#charges.payMany(requests);
  }

  /** See `PaymentSettlement.settle`. */
  settle(paymentId: string, charge: string, known?: Payer): Promise<PaymentRecord | null> {
    return this.#settlement.settle(paymentId, charge, known);
  }

  /** The fan's own payment (for a page that waits on a `pending` one). */
  paymentOf(fanId: string, paymentId: string): Promise<PaymentView | undefined> {
    return this.#charges.paymentOf(fanId, paymentId);
  }

  /** See `PaymentRefunds.refund`. */
  refund(paymentId: string, refund: Amount, idempotencyKey: string): Promise<PaymentView> {
    return this.#refunds.refund(paymentId, refund, idempotencyKey);
  }

  /** A creator (or whoever may act for them in finance) refunds one of their payments, fully or in part. */
  refundAsCreator(
    actor: AccountView,
    creatorId: string,
    input: { readonly paymentId: string; readonly minor: bigint; readonly idempotencyKey: string },
  ): Promise<PaymentView> {
    return this.#refunds.refundAsCreator(actor, creatorId, input);
  }

  /** See `PaymentRefunds.applyRefundedTotal`. */
  applyRefundedTotal(paymentId: string, total: Amount): Promise<void> {
    return this.#refunds.applyRefundedTotal(paymentId, total);
  }

  /** Applies one rail event, once, whatever order events arrive in. */
  handleEvent(event: RailEvent): Promise<void> {
    return this.#events.handleEvent(event);
  }
}
