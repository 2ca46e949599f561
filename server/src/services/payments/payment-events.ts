import { UnavailableError } from '@shared/domain/errors';
import { amount } from '@shared/domain/money';
import {
  disputeClosedTransfers,
  disputeOpenedTransfers,
  ledgerAccount,
  type Transfer,
} from '@shared/domain/money/ledger';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { PaymentLedgerContext } from './payment-context';
import { enqueuePaymentSnapshot } from './payment-feed';
import type { PaymentRefunds } from './payment-refunds';
import type { RailEvent } from './payment-rail';
import type { PaymentRecord } from './payment-repository';
import type { PaymentSettlement } from './payment-settlement';

type ChargeEvent = Extract<RailEvent, { type: `charge.${string}` }>;

const isChargeEvent = (event: RailEvent): event is ChargeEvent => event.type.startsWith('charge.');

/**
 * The rail's later word on a charge (Stripe's webhooks, the sandbox's later outcomes): settled, failed,
 * refunded, disputed. De-duplicated by the event's id, and each step safe to repeat and in any order, so any
 * number of deliveries in any order reach one state.
 */
export class PaymentEvents {
  constructor(
    private readonly ctx: PaymentLedgerContext,
    private readonly settlement: PaymentSettlement,
    private readonly refunds: PaymentRefunds,
  ) {}

  /** Applies one rail event, once, whatever order events arrive in. */
  async handleEvent(event: RailEvent): Promise<void> {
    const { db, payments, rail } = this.ctx;
    if (!isChargeEvent(event)) return; // invoices and subscriptions: the subscriptions feature
    // Recorded once applied: every step below is safe to repeat, so a delivery that failed half-way is
    // applied in full by the rail's retry, and a delivery seen before is skipped.
    if (await payments.hasEvent(db, rail.name, event.id)) return;
    await this.#applyChargeEvent(event);
    await payments.recordEvent(db, rail.name, event.id, event.type);
  }

  async #applyChargeEvent(event: ChargeEvent): Promise<void> {
    const { db, payments, rail } = this.ctx;
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
        await this.settlement.settle(payment.id, event.charge);
        return;
      case 'charge.failed':
        return this.settlement.fail(payment.id, event.charge, event.reason);
      case 'charge.refunded':
        // A refund means the charge had succeeded, even if that event is still on its way.
        await this.settlement.settle(payment.id, event.charge);
        return this.refunds.applyRefundedTotal(payment.id, event.amountRefunded);
      case 'charge.dispute.opened':
        await this.settlement.settle(payment.id, event.charge);
        return this.#disputeOpened(payment.id, event.dispute);
      case 'charge.dispute.closed':
        return this.#disputeClosed(payment.id, event.dispute, event.outcome ?? 'lost');
    }
  }

  async #disputeOpened(paymentId: string, dispute: string): Promise<void> {
    const { db, payments, ledger } = this.ctx;
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
      await this.ctx.purposes.of(payment.source).disputed?.(trx, after);
      await enqueuePaymentSnapshot(this.ctx.outbox, trx, after);
      return true;
    });
    if (changed) this.ctx.outbox.flushSoon();
  }

  async #disputeClosed(paymentId: string, dispute: string, outcome: 'won' | 'lost'): Promise<void> {
    const { db, payments, ledger } = this.ctx;
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
      await enqueuePaymentSnapshot(this.ctx.outbox, trx, {
        ...payment,
        status: outcome === 'won' ? 'succeeded' : 'disputed',
      });
    });
    this.ctx.outbox.flushSoon();
  }

  async #operationId(trx: Transaction<Database>, key: string): Promise<string | undefined> {
    const row = await trx
      .selectFrom('ledger_operations')
      .select('id')
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row?.id;
  }
}
