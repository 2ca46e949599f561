import { ledgerAccount, paymentTransfers, type PaymentSource } from '@shared/domain/money/ledger';
import { batched, isolatingFailures } from '../../db/batched';
import { BATCHES_IN_FLIGHT, type PaymentLedgerContext } from './payment-context';
import { enqueuePaymentSnapshot, paymentChange } from './payment-feed';
import type { PaymentRecord } from './payment-repository';

/** Who pays whom how much on which rail: what settling a payment needs to know of it. */
export type Payer = Pick<PaymentRecord, 'fanId' | 'creatorId' | 'rail' | 'amount'>;

/** A charged payment to settle. */
export interface ToSettle {
  readonly id: string;
  readonly charge: string;
  readonly payer: Payer;
}

/**
 * Where a charge's outcome lands: a succeeded charge settles the payment (payment, ledger's transfers, what it
 * bought and its change for the creator's feed, in one transaction); a refused one fails it.
 */
export class PaymentSettlement {
  /**
   * The settles of concurrent payments, group-committed: under load, one transaction writes many fans'
   * payments (with the group-committed pending rows of `PaymentCharges`, a tip costs two commits shared with
   * the others, not two of its own).
   */
  readonly #settleOne: (payment: ToSettle) => Promise<PaymentRecord | null>;

  constructor(private readonly ctx: PaymentLedgerContext) {
    this.#settleOne = batched(
      isolatingFailures(async (items: readonly ToSettle[]) => {
        const settled = await this.settleMany(items);
        return items.map((item) => settled.get(item.id) ?? null);
      }),
      { inFlight: BATCHES_IN_FLIGHT },
    );
  }

  /**
   * Settles a pending payment whose charge succeeded: payment, ledger and purpose in one transaction, shared
   * with the payments settling at the same time (one path, whether one settles or a renewal run's 500). Safe
   * to call again (from the charge's answer and from its event): only the first call finds it pending.
   */
  async settle(paymentId: string, charge: string, known?: Payer): Promise<PaymentRecord | null> {
    // Only a pending payment settles; `markSucceededMany` checks that again under the row's lock.
    const pending = known ?? (await this.ctx.payments.findById(this.ctx.db, paymentId));
    if (!pending || ('status' in pending && pending.status !== 'pending')) return null;
    return this.#settleOne({ id: paymentId, charge, payer: pending });
  }

  /** Settles many charged payments in one transaction: payments, ledger, purposes and feed, multi-row. */
  async settleMany(items: readonly ToSettle[]): Promise<Map<string, PaymentRecord>> {
    if (items.length === 0) return new Map();
    const { db, payments, ledger, clock, feeBasisPoints } = this.ctx;
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
        const purpose = this.ctx.purposes.of(source);
        if (purpose.settledMany) await purpose.settledMany(trx, group);
        else for (const payment of group) await purpose.settled(trx, payment);
      }
      await this.ctx.outbox.enqueueMany(
        trx,
        done.map((payment) => ({ ownerId: payment.creatorId, change: paymentChange(payment) })),
      );
      return done;
    });
    if (settled.length > 0) this.ctx.outbox.flushSoon();
    return new Map(settled.map((payment) => [payment.id, payment]));
  }

  /** Fails a pending payment (declined at once, or later by the rail's event): nothing was bought. */
  async fail(paymentId: string, charge: string | null, reason: string): Promise<void> {
    const failed = await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await this.ctx.payments.markFailed(trx, paymentId, charge, reason))) return false;
      const payment = await this.ctx.payments.findById(trx, paymentId);
      if (payment) {
        await this.ctx.purposes.of(payment.source).failed?.(trx, payment);
        await enqueuePaymentSnapshot(this.ctx.outbox, trx, payment);
      }
      return true;
    });
    if (failed) this.ctx.outbox.flushSoon();
  }
}
