import type { Kysely } from 'kysely';
import { entitlementPurpose } from '../../purchases/entitlement-purpose';
import type { Clock } from '@shared/domain/clock';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '@shared/domain/errors';
import { amount } from '@shared/domain/money/amount';
import type { Database } from '../../../db/schema';
import type { AccountView } from '../../accounts/account-service';
import type { PaymentPurpose, PaymentService, PaymentView, PayRequest } from '../../payments/payment-service';
import type { PurchaseRepository } from '../../purchases/purchase-repository';
import type { StreamRepository } from './stream-repository';
import { toTicketPrice } from './stream-views';
import type { StreamWatching } from './stream-watching';
import type { TicketPayments } from './ticket-payments';

export interface BuyTicket {
  readonly streamId: string;
  readonly paymentMethod: string;
  /** The fan's key for this ticket (a UUID made when the dialog opened): a retry charges once. */
  readonly idempotencyKey: string;
}

/** The answer to a ticket purchase: the payment, and whether the fan may watch now. */
export interface TicketView extends PaymentView {
  readonly streamId: string;
  /** True once the payment settled (the stream opens); false while it is still being processed. */
  readonly owned: boolean;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

export interface StreamTicketsDeps {
  readonly db: Kysely<Database>;
  readonly streams: StreamRepository;
  readonly watching: StreamWatching;
  readonly purchases: PurchaseRepository;
  readonly ticketPayments: TicketPayments;
  readonly payments: PaymentService;
  readonly clock: Clock;
}

/**
 * Tickets to a stream: a ticket is a purchase of the stream's id (`purchases`), so `purchased(<stream id>)` in
 * its rule opens it through the viewer facts every gated thing reads. It is paid as a `ticket` payment of that
 * id (its own source, so receipts name the stream and earnings count tickets apart), settled by the ticket
 * purpose (which writes the purchase, and takes it back on a full refund or a dispute), at the stream's price:
 * one live payment per fan and stream, so a retry never charges twice.
 */
export class StreamTickets {
  constructor(private readonly deps: StreamTicketsDeps) {}

  /**
   * What the payments service does when a ticket's payment settles (the stream opens to the fan), is refunded
   * in full or disputed (it closes again), in the payment's own transaction, however late the rail tells it.
   */
  purpose(): PaymentPurpose {
    return entitlementPurpose('ticket', this.deps.purchases, this.deps.clock);
  }

  /**
   * Sells the fan a ticket to a stream that sells them, has not ended and that they cannot watch yet. A fan
   * who holds one already gets it back, charged nothing; so does a retry with the same key.
   */
  async buy(fan: AccountView, input: BuyTicket): Promise<TicketView> {
    const { db, streams, purchases, payments, watching } = this.deps;
    const row = await streams.find(db, input.streamId);
    if (!row || row.status === 'cancelled') throw new NotFoundError('No such stream');
    if (row.creator_id === fan.id)
      throw new ValidationError('You cannot buy a ticket to your own stream', 'streamId');

    const held = await purchases.live(db, fan.id, row.id);
    if (held) {
      const view = await payments.paymentOf(fan.id, held.paymentId);
      if (view) return { ...view, streamId: row.id, owned: true };
    }
    if (row.status === 'ended')
      throw new InvalidStateError('This stream has ended; its tickets are no longer sold');
    const price = toTicketPrice(row);
    if (!price) throw new ValidationError('This stream sells no tickets', 'streamId');
    if ((await watching.decideEach(fan, row.creator_id, [row]))[0]?.open) {
      throw new ValidationError('You can already watch this stream; it needs no ticket', 'streamId');
    }

    const request: PayRequest = {
      idempotencyKey: `ticket:${fan.id}:${row.id}:${input.idempotencyKey}`,
      fan,
      creatorId: row.creator_id,
      source: 'ticket',
      itemId: row.id,
      amount: amount(price.currency, BigInt(price.minor)),
      paymentMethod: input.paymentMethod,
      description: `Live ticket: ${row.title}`.slice(0, 200),
      details: {},
    };
    const view = await this.#payOnce(fan.id, row.id, request);
    return { ...view, streamId: row.id, owned: (await purchases.live(db, fan.id, row.id)) !== undefined };
  }

  /**
   * Pays, unless another payment of the fan's for this stream is live (pending or settled: the database holds
   * one at most). Then that payment is the answer, taken up again under its own key: it charges nothing new.
   */
  async #payOnce(fanId: string, streamId: string, request: PayRequest): Promise<PaymentView> {
    const { db, ticketPayments, payments } = this.deps;
    try {
      return await payments.pay(request);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const live = await ticketPayments.live(db, fanId, streamId);
    if (!live) throw new ConflictError('Another payment for this ticket just ended; try again');
    return payments.pay({ ...request, idempotencyKey: live.idempotencyKey, amount: live.amount });
  }
}
