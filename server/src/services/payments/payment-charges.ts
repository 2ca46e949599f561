import { isDomainError, ValidationError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import { batched, isolatingFailures } from '../../db/batched';
import { BATCHES_IN_FLIGHT, type PaymentLedgerContext } from './payment-context';
import type { PaymentRail } from './payment-rail';
import type { NewPayment, PaymentRecord } from './payment-repository';
import type { PaymentSettlement, ToSettle } from './payment-settlement';
import { PaymentDeclinedError, toPaymentView, type PaymentView, type PayRequest } from './payment-types';
import { RailCustomers } from './rail-customers';

/** A pending payment older than this is taken up again by a retry with its key (its first try may have died). */
const RESUME_AFTER_MS = 30_000;

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

/**
 * A fan's payment, one or many at once: the payment row (pending) under the fan's idempotency key, then the
 * rail's charge under the payment's id as its idempotency key; a succeeded charge is handed to the settlement.
 */
export class PaymentCharges {
  readonly #customers: RailCustomers;
  /**
   * The pending rows of concurrent payments, group-committed: under load, one statement writes many fans'
   * payments (with the group-committed settles of `PaymentSettlement`, a tip costs two commits shared with the
   * others, not two of its own).
   */
  readonly #insertPending: (payment: NewPayment) => Promise<boolean>;

  constructor(
    private readonly ctx: PaymentLedgerContext,
    private readonly settlement: PaymentSettlement,
  ) {
    this.#customers = new RailCustomers(ctx);
    this.#insertPending = batched(
      isolatingFailures(async (rows: readonly NewPayment[]) => {
        const inserted = await ctx.payments.insertPendingMany(ctx.db, rows);
        return rows.map((row) => inserted.has(row.id));
      }),
      { inFlight: BATCHES_IN_FLIGHT },
    );
  }

  async pay(request: PayRequest): Promise<PaymentView> {
    const { db, payments, rail, clock } = this.ctx;
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
    const customer = await this.#customers.of(request.fan);
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
      const settled = await this.settlement.settle(paymentId, outcome.reference, known);
      if (settled) return toPaymentView(settled);
    } else if (outcome.status === 'declined')
      await this.settlement.fail(paymentId, outcome.reference, outcome.reason);
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
      return await this.ctx.rail.charge(request);
    } catch (error) {
      if (isDomainError(error) && error.kind === 'validation') {
        await this.settlement.fail(paymentId, null, error.message);
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
    const { db, payments, rail } = this.ctx;
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
    await this.#customers.preload(requests.map((r) => r.fan.id));

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
          customer: await this.#customers.of(request.fan),
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
            payer: {
              fanId: request.fan.id,
              creatorId: request.creatorId,
              rail: rail.name,
              amount: request.amount,
            },
            request,
          });
        } else if (outcome.status === 'declined') {
          await this.settlement.fail(paymentId, outcome.reference, outcome.reason);
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
    const settled = await this.settlement.settleMany(toSettle);
    for (const item of toSettle) {
      const payment = settled.get(item.id);
      outcomes[item.index] = payment
        ? toPaymentView(payment)
        : ((await this.paymentOf(item.request.fan.id, item.id)) ?? new Error('payment vanished'));
    }
    return outcomes;
  }

  /** The fan's own payment (for a page that waits on a `pending` one). */
  async paymentOf(fanId: string, paymentId: string): Promise<PaymentView | undefined> {
    const payment = await this.ctx.payments.findById(this.ctx.db, paymentId);
    return payment && payment.fanId === fanId ? toPaymentView(payment) : undefined;
  }

  #answer(payment: PaymentRecord): PaymentView {
    if (payment.status === 'failed') throw new PaymentDeclinedError(payment.failure ?? 'The payment failed');
    return toPaymentView(payment);
  }
}
