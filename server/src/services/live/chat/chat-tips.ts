import type { Kysely, Transaction } from 'kysely';
import { NotFoundError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import type { Currency } from '@shared/domain/money';
import type { Database } from '../../../db/schema';
import { logFailure } from '../../../logging/error-log';
import type { AccountView } from '../../accounts/account-service';
import type { PaymentView } from '../../payments/payment-service';
import type { SettledStreamTip, TipService } from '../../tips/tip-service';
import type { ChatRepository } from './chat-repository';
import { assertChatOpen, type ChatService } from './chat-service';

export interface ChatTip {
  readonly streamId: string;
  /** Minor units, as digits. */
  readonly amount: string;
  readonly currency: Currency;
  readonly message: string;
  readonly paymentMethod: string;
  /** The fan's key for this tip: a retry tips once. */
  readonly idempotencyKey: string;
}

/** How long a settled tip's message is looked for once its transaction should have committed. */
const COMMIT_WAIT_MS = 15_000;
const COMMIT_POLL_MS = 25;
/** Payments whose message this instance published, remembered so a settle retried in-process publishes once. */
const REMEMBERED = 10_000;

/**
 * Tips sent from a stream's chat: through the tips service and the payments (exact minor units, the fan's
 * idempotency key). When the tip settles, its chat message is written in the settling transaction (once per
 * payment: `tip_payment_id` is unique, so a settlement delivered twice writes nothing the second time) and
 * published once it committed, to show highlighted in the chat and as an alert in the studio.
 */
export class ChatTips {
  readonly #published = new Set<string>();
  readonly #publishing = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly chats: ChatRepository;
      readonly chat: ChatService;
      readonly tips: TipService;
    },
  ) {
    deps.tips.onStreamTipSettled((trx, tips) => this.#settled(trx, tips));
  }

  /** A fan who may watch the stream tips its creator from the chat. */
  async tip(fan: AccountView, tip: ChatTip): Promise<PaymentView> {
    const { stream, moderator } = await this.deps.chat.seat(fan.id, tip.streamId);
    assertChatOpen(stream);
    // A tip's message shows highlighted in the chat: the chat's rules hold for it (a tip without one only
    // needs the fan to be allowed in the chat).
    if (!moderator)
      await this.deps.chat.assertMaySpeak(stream, fan.id, tip.message === '' ? null : tip.message, 'message');
    const creator = await this.deps.chats.account(this.deps.db, stream.creatorId);
    if (!creator?.handle) throw new NotFoundError('This stream’s creator cannot take tips');
    return this.deps.tips.send(fan, {
      handle: creator.handle,
      postId: null,
      amount: tip.amount,
      currency: tip.currency,
      message: tip.message,
      paymentMethod: tip.paymentMethod,
      idempotencyKey: tip.idempotencyKey,
      streamId: stream.id,
    });
  }

  /** Resolves once the tips settled so far were published (or given up on): the server waits before closing. */
  async idle(): Promise<void> {
    await Promise.all([...this.#publishing]);
  }

  async #settled(trx: Transaction<Database>, tips: readonly SettledStreamTip[]): Promise<void> {
    for (const tip of tips) {
      const written = await this.deps.chats.insertTipMessage(trx, {
        id: newId(),
        streamId: tip.streamId,
        authorId: tip.fanId,
        text: tip.message,
        at: tip.at,
        paymentId: tip.paymentId,
        currency: tip.amount.currency,
        amount: tip.amount.minor,
      });
      if (written) {
        const publishing = this.#publishOnceCommitted(tip.paymentId);
        this.#publishing.add(publishing);
        void publishing.finally(() => this.#publishing.delete(publishing));
      }
    }
  }

  /**
   * The settling transaction is still open here: publish when its message can be read from outside it (on
   * PGlite the read waits for the transaction; on PostgreSQL it appears at commit). A transaction that rolls
   * back never shows it, and nothing is published.
   */
  async #publishOnceCommitted(paymentId: string): Promise<void> {
    const deadline = Date.now() + COMMIT_WAIT_MS;
    try {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, COMMIT_POLL_MS));
        const message = await this.deps.chats.tipMessage(this.deps.db, paymentId);
        if (message) {
          if (this.#published.has(paymentId)) return;
          this.#remember(paymentId);
          this.deps.chat.publish(message.streamId, { type: 'tip', message });
          return;
        }
        if (Date.now() > deadline) return;
      }
    } catch (error) {
      logFailure('publishing a tip in chat', error);
    }
  }

  #remember(paymentId: string): void {
    if (this.#published.size >= REMEMBERED) {
      const oldest = this.#published.values().next().value;
      if (oldest !== undefined) this.#published.delete(oldest);
    }
    this.#published.add(paymentId);
  }
}
