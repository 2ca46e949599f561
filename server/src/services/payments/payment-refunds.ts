import { NotFoundError, ValidationError } from '@shared/domain/errors';
import { amount, formatAmount, type Amount } from '@shared/domain/money';
import { ledgerAccount, refundTransfers } from '@shared/domain/money/ledger';
import type { AccountView } from '../accounts/account-service';
import type { PaymentLedgerContext } from './payment-context';
import { enqueuePaymentSnapshot } from './payment-feed';
import type { PaymentRecord } from './payment-repository';
import { toPaymentView, type PaymentView } from './payment-types';

/** The refunds asked for on a payment, by their keys (kept in the payment's details). */
function refundRequestsOf(payment: PaymentRecord): Map<string, bigint> {
  const stored = payment.details.refundRequests;
  const entries =
    stored && typeof stored === 'object' ? Object.entries(stored as Record<string, string>) : [];
  return new Map(entries.map(([key, minor]) => [key, BigInt(minor)]));
}

const sumOf = (requests: Map<string, bigint>) => [...requests.values()].reduce((s, v) => s + v, 0n);

/**
 * Refunds of settled payments, asked for by the creator or reported by the rail: the refunded total only ever
 * rises to a target, so a refund told twice, or by both our call and the rail's event, moves money once.
 */
export class PaymentRefunds {
  constructor(private readonly ctx: PaymentLedgerContext) {}

  /**
   * Refunds part or all of what is left of a settled payment, on the rail it came from. The creator's share
   * and the fee go back in proportion. `idempotencyKey` is the caller's (a creator retrying a refund).
   */
  async refund(paymentId: string, refund: Amount, idempotencyKey: string): Promise<PaymentView> {
    const { db, payments, rail } = this.ctx;
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
    await this.ctx.actingFor.assertMayActFor(actor, creatorId, 'finance');
    const payment = await this.ctx.payments.findById(this.ctx.db, input.paymentId);
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
    const { db, payments, ledger } = this.ctx;
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
      await this.ctx.purposes.of(payment.source).refunded?.(trx, after, total.minor === payment.amount.minor);
      await enqueuePaymentSnapshot(this.ctx.outbox, trx, after);
      return true;
    });
    if (changed) this.ctx.outbox.flushSoon();
  }
}
