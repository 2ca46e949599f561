import { isDomainError, NotFoundError, UnavailableError, ValidationError } from '@shared/domain/errors';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { Clock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { amount, formatAmount, type Amount } from '@shared/domain/money';
import {
  disputeClosedTransfers,
  disputeOpenedTransfers,
  ledgerAccount,
  paymentTransfers,
  refundTransfers,
  type PaymentSource,
  type Transfer,
} from '@shared/domain/money/ledger';
import { PAYMENT_KIND, type PaymentSnapshot } from '@shared/domain/money/payment-kind';
import type { Kysely, Transaction } from 'kysely';
import { batched, isolatingFailures } from '../../db/batched';
import type { Database } from '../../db/schema';
import type { LedgerService } from '../ledger/ledger-service';
import type { FeedOutbox } from '../sync/feed-outbox';
import type { PaymentRail, RailEvent } from './payment-rail';
import type { NewPayment, PaymentRecord, PaymentRepository } from './payment-repository';

/** A card the rail refused: the fan sees the rail's reason next to the card field. */
export class PaymentDeclinedError extends ValidationError {
  override readonly name = 'PaymentDeclinedError';
  override readonly code = 'payment_declined';
  constructor(reason: string) {
    super(reason, 'paymentMethod');
  }
}

/**
 * What each feature does when a payment for it settles, is refunded or disputed, in the same transaction as
 * the ledger's transfers (tips write the tip; pay-per-view the purchase; subscriptions the paid period).
 */
export interface PaymentPurpose {
  readonly source: PaymentSource;
  settled(trx: Transaction<Database>, payment: PaymentRecord): Promise<void>;
  /** Many settled at once (a renewal run), in multi-row statements; without it, `settled` runs for each. */
  settledMany?(trx: Transaction<Database>, payments: readonly PaymentRecord[]): Promise<void>;
  /** After a refund; `fully` when nothing is left of the payment. */
  refunded?(trx: Transaction<Database>, payment: PaymentRecord, fully: boolean): Promise<void>;
  /** The payment failed (declined at once, or later by the rail's event): nothing was bought. */
  failed?(trx: Transaction<Database>, payment: PaymentRecord): Promise<void>;
  /** A dispute opened: what it bought is taken back. */
  disputed?(trx: Transaction<Database>, payment: PaymentRecord): Promise<void>;
}

export interface PayRequest {
  /** Already scoped to the fan by the caller (`tip:<fanId>:<client key>`): a retry finds the first payment. */
  readonly idempotencyKey: string;
  readonly fan: { readonly id: string; readonly email: string };
  readonly creatorId: string;
  readonly source: PaymentSource;
  readonly itemId: string | null;
  /** From the server's own records (tier, post, tip settings), never from the client. */
  readonly amount: Amount;
  readonly paymentMethod: string;
  readonly description: string;
  /** What the feature needs when the payment settles (a tip's message). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** A payment as the fan who made it sees it. */
export interface PaymentView {
  readonly paymentId: string;
  readonly status: PaymentRecord['status'];
  readonly currency: Amount['currency'];
  /** Minor units as text. */
  readonly amount: string;
  readonly failure: string | null;
}

export const toPaymentView = (p: PaymentRecord): PaymentView => ({
  paymentId: p.id,
  status: p.status,
  currency: p.amount.currency,
  amount: p.amount.minor.toString(),
  failure: p.failure,
});

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

type ChargeEvent = Extract<RailEvent, { type: `charge.${string}` }>;

const isChargeEvent = (event: RailEvent): event is ChargeEvent => event.type.startsWith('charge.');

/** The refunds asked for on a payment, by their keys (kept in the payment's details). */
function refundRequestsOf(payment: PaymentRecord): Map<string, bigint> {
  const stored = payment.details.refundRequests;
  const entries =
    stored && typeof stored === 'object' ? Object.entries(stored as Record<string, string>) : [];
  return new Map(entries.map(([key, minor]) => [key, BigInt(minor)]));
}

const sumOf = (requests: Map<string, bigint>) => [...requests.values()].reduce((s, v) => s + v, 0n);

/** Runs `work` over `items` with at most `limit` at once. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** A pending payment older than this is taken up again by a retry with its key (its first try may have died). */
const RESUME_AFTER_MS = 30_000;

/** Group-commit transactions of one kind running at once (the pool holds 10 connections). */
const BATCHES_IN_FLIGHT = 2;

/** Who pays whom how much on which rail: what settling a payment needs to know of it. */
type Payer = Pick<PaymentRecord, 'fanId' | 'creatorId' | 'rail' | 'amount'>;

/** A charged payment to settle. */
interface ToSettle {
  readonly id: string;
  readonly charge: string;
  readonly payer: Payer;
}

export interface PaymentServiceDeps {
  readonly db: Kysely<Database>;
  readonly payments: PaymentRepository;
  readonly ledger: LedgerService;
  readonly rail: PaymentRail;
  readonly outbox: FeedOutbox;
  readonly clock: Clock;
  /** The platform's fee, in basis points (1000 = 10%). */
  readonly feeBasisPoints: number;
  /** Who may refund a creator's payments (the creator; managers with the finance scope later). */
  readonly actingFor: ActingForPolicy;
}

/**
 * How fans pay, once for every feature: a payment row (pending) under the fan's idempotency key, the rail's
 * charge under the payment's id as its idempotency key, then, in one transaction, the payment settled, the
 * ledger's transfers and what the payment bought. Rail events (webhooks, the sandbox's later outcomes) go
 * through `handleEvent`, de-duplicated by id and safe in any order. A payment's change reaches the creator's
 * studio through the feed outbox, never by locking the creator's feed counter.
 */
export class PaymentService {
  readonly #purposes = new Map<PaymentSource, PaymentPurpose>();
  /** Fans' customers on the rail: written once, never changed, so kept (bounded) after the first read. */
  readonly #customers = new Map<string, string>();
  /**
   * The pending rows and the settles of concurrent payments, group-committed: under load, one transaction
   * writes many fans' payments (a tip costs two commits shared with the others, not two of its own).
   */
  readonly #insertPending: (payment: NewPayment) => Promise<boolean>;
  readonly #settleOne: (payment: ToSettle) => Promise<PaymentRecord | null>;

  constructor(private readonly deps: PaymentServiceDeps) {
    this.#insertPending = batched(
      isolatingFailures(async (rows: readonly NewPayment[]) => {
        const inserted = await deps.payments.insertPendingMany(deps.db, rows);
        return rows.map((row) => inserted.has(row.id));
      }),
      { inFlight: BATCHES_IN_FLIGHT },
    );
    this.#settleOne = batched(
      isolatingFailures(async (items: readonly ToSettle[]) => {
        const settled = await this.#settleMany(items);
        return items.map((item) => settled.get(item.id) ?? null);
      }),
      { inFlight: BATCHES_IN_FLIGHT },
    );
  }

  get rail(): PaymentRail {
    return this.deps.rail;
  }

  register(purpose: PaymentPurpose): void {
    if (this.#purposes.has(purpose.source)) throw new Error(`two purposes for ${purpose.source}`);
    this.#purposes.set(purpose.source, purpose);
  }

  async pay(request: PayRequest): Promise<PaymentView> {
    const { db, payments, rail, clock } = this.deps;
    if (request.amount.minor <= 0n) throw new ValidationError('amount must be more than zero', 'amount');
    const id = newId();
    const inserted = await this.#insertPending({
      id,
      idempotencyKey: request.idempotencyKey,
      fanId: request.fan.id,
      creatorId: request.creatorId,
      source: request.source,
      itemId: request.itemId,
      amount: request.amount,
      rail: rail.name,
      details: request.details,
    });
    let payment = inserted ? undefined : await payments.findByKey(db, request.idempotencyKey);
    if (payment) {
      if (
        payment.fanId !== request.fan.id ||
        payment.creatorId !== request.creatorId ||
        payment.source !== request.source ||
        payment.amount.minor !== request.amount.minor ||
        payment.amount.currency !== request.amount.currency
      ) {
        throw new ValidationError(
          'this payment key was used for another payment; start a new payment',
          'idempotencyKey',
        );
      }
      const stale = clock.now().getTime() - payment.createdAt.getTime() > RESUME_AFTER_MS;
      if (payment.status !== 'pending' || !stale) return this.#answer(payment);
    }
    const paymentId = payment?.id ?? id;
    const customer = await this.#customer(request.fan);
    const outcome = await this.#charge(paymentId, {
      idempotencyKey: `payment:${paymentId}`,
      amount: request.amount,
      customer,
      paymentMethod: request.paymentMethod,
      hold: false,
      description: request.description,
      metadata: { paymentId, source: request.source },
      transferGroup: `payment:${paymentId}`,
    });
    if (outcome.status === 'succeeded') {
      // What this call wrote is known: the settle needs no re-read (the renewal run settles 100,000 at once).
      const known = payment ?? {
        fanId: request.fan.id,
        creatorId: request.creatorId,
        rail: rail.name,
        amount: request.amount,
      };
      const settled = await this.settle(paymentId, outcome.reference, known);
      if (settled) return toPaymentView(settled);
    } else if (outcome.status === 'declined') await this.#fail(paymentId, outcome.reference, outcome.reason);
    else if (outcome.status === 'held') throw new Error('a payment is charged now, never held');
    else
      await db
        .updateTable('payments')
        .set({ rail_charge: outcome.reference })
        .where('id', '=', paymentId)
        .execute();
    payment = await payments.findById(db, paymentId);
    return this.#answer(payment!);
  }

  /**
   * The rail's charge. A payment method the rail refuses outright (not a card it knows) fails the payment at
   * once, so a retry under the same key answers that failure instead of a payment pending forever.
   */
  async #charge(paymentId: string, request: Parameters<PaymentRail['charge']>[0]) {
    try {
      return await this.deps.rail.charge(request);
    } catch (error) {
      if (isDomainError(error) && error.kind === 'validation') {
        await this.#fail(paymentId, null, error.message);
        throw new PaymentDeclinedError(error.message);
      }
      throw error;
    }
  }

  /**
   * Many payments at once (a renewal run): the same states, keys and ledger operations as `pay`, with the new
   * payments written, and the charged ones settled, in a few multi-row statements. A payment whose key exists
   * already (a run taken up again after a crash) goes through `pay`, which answers it without charging again.
   * Resolves with each request's outcome, in order: its view, or the error `pay` would have thrown.
   */
  async payMany(requests: readonly PayRequest[]): Promise<(PaymentView | Error)[]> {
    const { db, payments, rail } = this.deps;
    const ids = requests.map(() => newId());
    const inserted = await payments.insertPendingMany(
      db,
      requests.map((request, i) => ({
        id: ids[i]!,
        idempotencyKey: request.idempotencyKey,
        fanId: request.fan.id,
        creatorId: request.creatorId,
        source: request.source,
        itemId: request.itemId,
        amount: request.amount,
        rail: rail.name,
        details: request.details,
      })),
    );
    const known = await payments.customersOf(
      db,
      [...new Set(requests.filter((r) => !this.#customers.has(r.fan.id)).map((r) => r.fan.id))],
      rail.name,
    );
    for (const [fanId, customer] of known) this.#remember(fanId, customer);

    const outcomes: (PaymentView | Error)[] = new Array(requests.length);
    const toSettle: (ToSettle & { index: number; request: PayRequest })[] = [];
    await forEachLimited(requests, 32, async (request, i) => {
      try {
        if (!inserted.has(ids[i]!)) {
          outcomes[i] = await this.pay(request);
          return;
        }
        const paymentId = ids[i]!;
        const outcome = await this.#charge(paymentId, {
          idempotencyKey: `payment:${paymentId}`,
          amount: request.amount,
          customer: await this.#customer(request.fan),
          paymentMethod: request.paymentMethod,
          hold: false,
          description: request.description,
          metadata: { paymentId, source: request.source },
          transferGroup: `payment:${paymentId}`,
        });
        if (outcome.status === 'succeeded') {
          toSettle.push({
            index: i,
            id: paymentId,
            charge: outcome.reference,
            payer: { fanId: request.fan.id, creatorId: request.creatorId, rail: rail.name, amount: request.amount },
            request,
          });
        } else if (outcome.status === 'declined') {
          await this.#fail(paymentId, outcome.reference, outcome.reason);
          outcomes[i] = new PaymentDeclinedError(outcome.reason);
        } else {
          await db
            .updateTable('payments')
            .set({ rail_charge: outcome.reference })
            .where('id', '=', paymentId)
            .execute();
          outcomes[i] = {
            paymentId,
            status: 'pending',
            currency: request.amount.currency,
            amount: request.amount.minor.toString(),
            failure: null,
          };
        }
      } catch (error) {
        outcomes[i] = error instanceof Error ? error : new Error(String(error));
      }
    });
    const settled = await this.#settleMany(toSettle);
    for (const item of toSettle) {
      const payment = settled.get(item.id);
      outcomes[item.index] = payment
        ? toPaymentView(payment)
        : ((await this.paymentOf(item.request.fan.id, item.id)) ?? new Error('payment vanished'));
    }
    return outcomes;
  }

  /** Settles many charged payments in one transaction: payments, ledger, purposes and feed, multi-row. */
  async #settleMany(items: readonly ToSettle[]): Promise<Map<string, PaymentRecord>> {
    if (items.length === 0) return new Map();
    const { db, payments, ledger, clock, feeBasisPoints } = this.deps;
    const splits = new Map(
      items.map(({ id, payer }) => [
        id,
        paymentTransfers({
          from: ledgerAccount.fan(payer.fanId, payer.rail),
          creatorId: payer.creatorId,
          total: payer.amount,
          feeBasisPoints,
        }),
      ]),
    );
    const settled = await db.transaction().execute(async (trx) => {
      const done = await payments.markSucceededMany(
        trx,
        items.map((item) => ({ id: item.id, charge: item.charge, fee: splits.get(item.id)!.shares.fee })),
        clock.now(),
      );
      await ledger.postMany(
        trx,
        done.map((payment) => ({
          idempotencyKey: `payment:${payment.id}:settled`,
          kind: 'payment.settled' as const,
          source: payment.source,
          creatorId: payment.creatorId,
          fanId: payment.fanId,
          paymentId: payment.id,
          transfers: splits.get(payment.id)!.transfers,
        })),
      );
      const bySource = new Map<PaymentSource, PaymentRecord[]>();
      for (const payment of done)
        bySource.set(payment.source, [...(bySource.get(payment.source) ?? []), payment]);
      for (const [source, group] of bySource) {
        const purpose = this.#purpose(source);
        if (purpose.settledMany) await purpose.settledMany(trx, group);
        else for (const payment of group) await purpose.settled(trx, payment);
      }
      await this.deps.outbox.enqueueMany(
        trx,
        done.map((payment) => ({
          ownerId: payment.creatorId,
          change: {
            entity: PAYMENT_KIND.entity,
            op: 'upsert' as const,
            id: payment.id,
            data: toSnapshot(payment),
          },
        })),
      );
      return done;
    });
    if (settled.length > 0) this.deps.outbox.flushSoon();
    return new Map(settled.map((payment) => [payment.id, payment]));
  }

  /** The fan's own payment (for a page that waits on a `pending` one). */
  async paymentOf(fanId: string, paymentId: string): Promise<PaymentView | undefined> {
    const payment = await this.deps.payments.findById(this.deps.db, paymentId);
    return payment && payment.fanId === fanId ? toPaymentView(payment) : undefined;
  }

  #answer(payment: PaymentRecord): PaymentView {
    if (payment.status === 'failed') throw new PaymentDeclinedError(payment.failure ?? 'The payment failed');
    return toPaymentView(payment);
  }

  async #customer(fan: PayRequest['fan']): Promise<string> {
    const { db, payments, rail } = this.deps;
    const cached = this.#customers.get(fan.id);
    if (cached) return cached;
    const known = await payments.customerOf(db, fan.id, rail.name);
    if (known) return this.#remember(fan.id, known);
    const customer = await rail.ensureCustomer({
      idempotencyKey: `customer:${fan.id}`,
      fanId: fan.id,
      email: fan.email,
    });
    await payments.saveCustomer(db, fan.id, rail.name, customer);
    return this.#remember(fan.id, customer);
  }

  #remember(fanId: string, customer: string): string {
    if (this.#customers.size >= 100_000) this.#customers.clear();
    this.#customers.set(fanId, customer);
    return customer;
  }

  async #fail(paymentId: string, charge: string | null, reason: string): Promise<void> {
    const failed = await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.deps.payments.markFailed(trx, paymentId, charge, reason))) return false;
      const payment = await this.deps.payments.findById(trx, paymentId);
      if (payment) {
        await this.#purpose(payment.source).failed?.(trx, payment);
        await this.#enqueueSnapshot(trx, payment);
      }
      return true;
    });
    if (failed) this.deps.outbox.flushSoon();
  }

  /**
   * Settles a pending payment whose charge succeeded: payment, ledger and purpose in one transaction, shared
   * with the payments settling at the same time (one path, whether one settles or a renewal run's 500). Safe
   * to call again (from the charge's answer and from its event): only the first call finds it pending.
   */
  async settle(paymentId: string, charge: string, known?: Payer): Promise<PaymentRecord | null> {
    // Only a pending payment settles; `markSucceededMany` checks that again under the row's lock.
    const pending = known ?? (await this.deps.payments.findById(this.deps.db, paymentId));
    if (!pending || ('status' in pending && pending.status !== 'pending')) return null;
    return this.#settleOne({ id: paymentId, charge, payer: pending });
  }

  /**
   * Refunds part or all of what is left of a settled payment, on the rail it came from. The creator's share
   * and the fee go back in proportion. `idempotencyKey` is the caller's (a creator retrying a refund).
   */
  async refund(paymentId: string, refund: Amount, idempotencyKey: string): Promise<PaymentView> {
    const { db, payments, rail } = this.deps;
    // Each refund asked for is written down first, under its key, with the payment locked: the total of
    // those asked for is where the refunded total must arrive. A retry finds its request and asks again for
    // nothing new; the rail's event for the same refund reports the same total; both only raise the total to
    // a target, so nothing is refunded twice whatever order they come in.
    const { payment, target } = await db.transaction().execute(async (trx) => {
      const payment = await payments.findById(trx, paymentId, { lock: true });
      if (!payment) throw new ValidationError('no such payment', 'paymentId');
      if (payment.status !== 'succeeded' || !payment.railCharge) {
        throw new ValidationError('only a settled payment can be refunded', 'paymentId');
      }
      if (refund.currency !== payment.amount.currency) {
        throw new ValidationError(`refund must be in ${payment.amount.currency}`, 'currency');
      }
      const requests = refundRequestsOf(payment);
      const asked = requests.get(idempotencyKey);
      if (asked !== undefined) {
        if (asked !== refund.minor) {
          throw new ValidationError('this refund key was used for another amount', 'idempotencyKey');
        }
        return { payment, target: sumOf(requests) };
      }
      const requested = sumOf(requests);
      const already = payment.amountRefunded.minor > requested ? payment.amountRefunded.minor : requested;
      const left = payment.amount.minor - already;
      if (refund.minor <= 0n || refund.minor > left) {
        throw new ValidationError(
          `refund must be more than zero and at most ${formatAmount(amount(refund.currency, left), { symbol: true })}`,
          'amount',
        );
      }
      requests.set(idempotencyKey, refund.minor);
      await payments.setRefundRequests(trx, paymentId, requests);
      return { payment, target: already + refund.minor };
    });
    try {
      await rail.refund({
        idempotencyKey: `refund:${paymentId}:${idempotencyKey}`,
        charge: payment.railCharge!,
        amount: refund,
        metadata: { paymentId },
      });
    } catch (error) {
      // The rail refused: the request was never made, so it must not count toward a later refund's target.
      await db.transaction().execute(async (trx) => {
        const current = await payments.findById(trx, paymentId, { lock: true });
        const requests = current ? refundRequestsOf(current) : new Map<string, bigint>();
        if (requests.delete(idempotencyKey)) await payments.setRefundRequests(trx, paymentId, requests);
      });
      throw error;
    }
    await this.applyRefundedTotal(paymentId, amount(refund.currency, target));
    return toPaymentView((await payments.findById(db, paymentId))!);
  }

  /** A creator (or whoever may act for them in finance) refunds one of their payments, fully or in part. */
  async refundAsCreator(
    actor: AccountView,
    creatorId: string,
    input: { readonly paymentId: string; readonly minor: bigint; readonly idempotencyKey: string },
  ): Promise<PaymentView> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'finance');
    const payment = await this.deps.payments.findById(this.deps.db, input.paymentId);
    if (!payment || payment.creatorId !== creatorId)
      throw new NotFoundError('No such payment to this creator');
    return this.refund(payment.id, amount(payment.amount.currency, input.minor), input.idempotencyKey);
  }

  /**
   * Brings a payment's refunded total up to `total` (what the rail says was refunded so far): refunds told
   * twice, or told by both our call and the rail's event, move money once; a total below what is known changes
   * nothing (an old event arriving late).
   */
  async applyRefundedTotal(paymentId: string, total: Amount): Promise<void> {
    const { db, payments, ledger } = this.deps;
    const changed = await db.transaction().execute(async (trx) => {
      const payment = await payments.findById(trx, paymentId, { lock: true });
      if (!payment || payment.status !== 'succeeded') return false;
      if (total.minor <= payment.amountRefunded.minor) return false;
      const refund = amount(total.currency, total.minor - payment.amountRefunded.minor);
      await ledger.post(trx, {
        idempotencyKey: `payment:${paymentId}:refunded-to:${total.minor}`,
        kind: 'payment.refunded',
        source: payment.source,
        creatorId: payment.creatorId,
        fanId: payment.fanId,
        paymentId,
        transfers: refundTransfers({
          to: ledgerAccount.fan(payment.fanId, payment.rail),
          creatorId: payment.creatorId,
          payment: { total: payment.amount, fee: payment.fee },
          refundedBefore: payment.amountRefunded,
          refund,
        }),
      });
      await payments.setRefunded(trx, paymentId, total);
      const after = { ...payment, amountRefunded: total };
      await this.#purpose(payment.source).refunded?.(trx, after, total.minor === payment.amount.minor);
      await this.#enqueueSnapshot(trx, after);
      return true;
    });
    if (changed) this.deps.outbox.flushSoon();
  }

  /** Applies one rail event, once, whatever order events arrive in. */
  async handleEvent(event: RailEvent): Promise<void> {
    const { db, payments, rail } = this.deps;
    if (!isChargeEvent(event)) return; // invoices and subscriptions: the subscriptions feature
    // Recorded once applied: every step below is safe to repeat, so a delivery that failed half-way is
    // applied in full by the rail's retry, and a delivery seen before is skipped.
    if (await payments.hasEvent(db, rail.name, event.id)) return;
    await this.#applyChargeEvent(event);
    await payments.recordEvent(db, rail.name, event.id, event.type);
  }

  async #applyChargeEvent(event: ChargeEvent): Promise<void> {
    const { db, payments, rail } = this.deps;
    const payment =
      ('metadata' in event && event.metadata.paymentId
        ? await payments.findById(db, event.metadata.paymentId)
        : undefined) ?? (await payments.findByCharge(db, rail.name, event.charge));
    if (!payment) {
      // Our charges carry our payment id; a charge event without one is not ours (a payment made outside
      // Mesi on the same account): nothing to do. Otherwise the charge's answer may still be on its way
      // (its event overtook it): refuse for now, and the rail delivers it again.
      if ('metadata' in event && !event.metadata.paymentId) return;
      throw new UnavailableError(`${event.type} for a charge not known yet; deliver it again`);
    }
    switch (event.type) {
      case 'charge.succeeded':
        await this.settle(payment.id, event.charge);
        return;
      case 'charge.failed':
        return this.#fail(payment.id, event.charge, event.reason);
      case 'charge.refunded':
        // A refund means the charge had succeeded, even if that event is still on its way.
        await this.settle(payment.id, event.charge);
        return this.applyRefundedTotal(payment.id, event.amountRefunded);
      case 'charge.dispute.opened':
        await this.settle(payment.id, event.charge);
        return this.#disputeOpened(payment.id, event.dispute);
      case 'charge.dispute.closed':
        return this.#disputeClosed(payment.id, event.dispute, event.outcome ?? 'lost');
    }
  }

  async #disputeOpened(paymentId: string, dispute: string): Promise<void> {
    const { db, payments, ledger } = this.deps;
    const changed = await db.transaction().execute(async (trx) => {
      const payment = await payments.findById(trx, paymentId, { lock: true });
      if (!payment || payment.status !== 'succeeded') return false;
      await ledger.post(trx, {
        idempotencyKey: `dispute:${dispute}:opened`,
        kind: 'dispute.opened',
        source: payment.source,
        creatorId: payment.creatorId,
        fanId: payment.fanId,
        paymentId,
        transfers: disputeOpenedTransfers({
          disputeId: dispute,
          creatorId: payment.creatorId,
          payment: { total: payment.amount, fee: payment.fee },
          refundedBefore: payment.amountRefunded,
        }),
      });
      await payments.markDisputed(trx, paymentId, { dispute });
      const after: PaymentRecord = { ...payment, status: 'disputed' };
      await this.#purpose(payment.source).disputed?.(trx, after);
      await this.#enqueueSnapshot(trx, after);
      return true;
    });
    if (changed) this.deps.outbox.flushSoon();
  }

  async #disputeClosed(paymentId: string, dispute: string, outcome: 'won' | 'lost'): Promise<void> {
    const { db, payments, ledger } = this.deps;
    await db.transaction().execute(async (trx) => {
      const payment = await payments.findById(trx, paymentId, { lock: true });
      if (!payment || payment.status !== 'disputed') return;
      const opened = await ledger.transfersOf(
        trx,
        (await this.#operationId(trx, `dispute:${dispute}:opened`))!,
      );
      const transfers: Transfer[] = opened.map((t) => ({
        debit: t.debit,
        credit: t.credit,
        amount: amount(t.currency, t.amount),
      }));
      await ledger.post(trx, {
        idempotencyKey: `dispute:${dispute}:closed`,
        kind: 'dispute.closed',
        source: payment.source,
        creatorId: payment.creatorId,
        fanId: payment.fanId,
        paymentId,
        transfers: disputeClosedTransfers({
          opened: transfers,
          outcome,
          fanAccount: ledgerAccount.fan(payment.fanId, payment.rail),
        }),
      });
      // A won dispute gives the creator their share back; what it bought stays taken back (the fan disputed).
      if (outcome === 'won')
        await trx.updateTable('payments').set({ status: 'succeeded' }).where('id', '=', paymentId).execute();
      await this.#enqueueSnapshot(trx, { ...payment, status: outcome === 'won' ? 'succeeded' : 'disputed' });
    });
    this.deps.outbox.flushSoon();
  }

  async #operationId(trx: Transaction<Database>, key: string): Promise<string | undefined> {
    const row = await trx
      .selectFrom('ledger_operations')
      .select('id')
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row?.id;
  }

  async #enqueueSnapshot(q: Kysely<Database> | Transaction<Database>, payment: PaymentRecord): Promise<void> {
    await this.deps.outbox.enqueue(q, payment.creatorId, {
      entity: PAYMENT_KIND.entity,
      op: 'upsert',
      id: payment.id,
      data: toSnapshot(payment),
    });
  }

  #purpose(source: PaymentSource): PaymentPurpose {
    const purpose = this.#purposes.get(source);
    if (!purpose) throw new Error(`no purpose registered for ${source} payments`);
    return purpose;
  }
}
