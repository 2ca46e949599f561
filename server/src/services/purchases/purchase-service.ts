import type { Clock } from '@shared/domain/clock';
import { entitlementPurpose } from './entitlement-purpose';
import { ConflictError, NotFoundError, ValidationError } from '@shared/domain/errors';
import type { Currency } from '@shared/domain/money';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { AccountView } from '../accounts/account-service';
import type { PaymentPurpose, PaymentService, PaymentView, PayRequest } from '../payments/payment-service';
import type { PostRepository } from '../posts/post-repository';
import { toPostPrice } from '../posts/post-snapshot';
import { PpvPricing } from './ppv-pricing';
import type { PurchaseRepository, ReceiptRecord } from './purchase-repository';

export interface BuyPost {
  readonly postId: string;
  readonly paymentMethod: string;
  /** The fan's key for this purchase (a UUID the page made when the dialog opened): a retry charges once. */
  readonly idempotencyKey: string;
}

/** The answer to a purchase: the payment, and whether the fan may open the post now. */
export interface PurchaseView extends PaymentView {
  readonly postId: string;
  /** True once the payment settled (the post opens); false while it is still being processed. */
  readonly owned: boolean;
}

/** One line of a fan's pay-per-view receipts. */
export interface ReceiptView {
  readonly paymentId: string;
  readonly postId: string;
  readonly title: string;
  readonly currency: Currency;
  /** Minor units as text. */
  readonly amount: string;
  readonly refunded: string;
  /** ISO 8601: when it was paid (when it was asked for, while pending). */
  readonly date: string;
  readonly status: 'pending' | 'paid' | 'partially_refunded' | 'refunded' | 'disputed';
}

/** The most receipts `mine` answers with, newest first. */
export const RECEIPTS_SHOWN = 200;

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

function receiptStatus(r: ReceiptRecord): ReceiptView['status'] {
  if (r.status === 'pending' || r.status === 'disputed') return r.status;
  if (r.refunded.minor === 0n) return 'paid';
  return r.refunded.minor < r.amount.minor ? 'partially_refunded' : 'refunded';
}

const toReceipt = (r: ReceiptRecord): ReceiptView => ({
  paymentId: r.paymentId,
  postId: r.postId,
  title: r.title ?? '',
  currency: r.amount.currency,
  amount: r.amount.minor.toString(),
  refunded: r.refunded.minor.toString(),
  date: (r.settledAt ?? r.createdAt).toISOString(),
  status: receiptStatus(r),
});

/**
 * Pay-per-view (PRODUCT.md, "Pay-per-view"): a fan buys a published post at the server's price for it, less
 * their tier's discount; one payment opens it for good, a full refund or a dispute takes it back. The purchase
 * is written by the payment's own settlement, so a payment settled later (a webhook) opens the post too.
 */
export class PurchaseService {
  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly purchases: PurchaseRepository;
      readonly posts: PostRepository;
      readonly payments: PaymentService;
      readonly pricing: PpvPricing;
      readonly clock: Clock;
    },
  ) {}

  /** What the payments service does when a purchase's payment settles, is refunded in full or disputed. */
  purpose(): PaymentPurpose {
    return entitlementPurpose('ppv', this.deps.purchases, this.deps.clock);
  }

  /**
   * Buys a published post for the fan, charged at the server's price less their tier discount. A fan who holds
   * the post already gets their purchase back, charged nothing; so does a retry with the same key.
   */
  async buy(fan: AccountView, input: BuyPost): Promise<PurchaseView> {
    const { db, posts, purchases, payments, pricing } = this.deps;
    const post = await posts.findPublished(db, input.postId);
    if (!post) throw new NotFoundError('No such post');
    if (post.creator_id === fan.id) throw new ValidationError('You cannot buy your own post', 'postId');
    const price = toPostPrice(post);
    if (!price) throw new ValidationError('This post is not for sale', 'postId');

    const held = await purchases.live(db, fan.id, post.id);
    if (held) {
      const view = await payments.paymentOf(fan.id, held.paymentId);
      if (view) return { ...view, postId: post.id, owned: true };
    }

    const charge = PpvPricing.charge(price, await pricing.discountBps(db, fan.id, post.creator_id));
    if (charge.minor === 0n) {
      // A purchase is a payment; a tier that takes 100% off opens nothing by itself (the post's rule decides).
      throw new ValidationError(
        "Your tier's discount leaves nothing to pay for this post; ask the creator to open it to your tier",
        'postId',
      );
    }
    const request: PayRequest = {
      idempotencyKey: `ppv:${fan.id}:${post.id}:${input.idempotencyKey}`,
      fan,
      creatorId: post.creator_id,
      source: 'ppv',
      itemId: post.id,
      amount: charge,
      paymentMethod: input.paymentMethod,
      description: `Post: ${post.title}`.slice(0, 200),
      details: {},
    };
    const view = await this.#payOnce(fan.id, post.id, request);
    return { ...view, postId: post.id, owned: (await purchases.live(db, fan.id, post.id)) !== undefined };
  }

  /** The fan's pay-per-view receipts, newest first. */
  async mine(fan: AccountView): Promise<ReceiptView[]> {
    return (await this.deps.purchases.receipts(this.deps.db, fan.id, RECEIPTS_SHOWN)).map(toReceipt);
  }

  /**
   * Pays, unless another payment of the fan's for this post is live (pending or settled: the database holds one
   * at most). Then that payment is the answer: taken up again under its own key, which resumes it if its first
   * try died, and charges nothing new otherwise.
   */
  async #payOnce(fanId: string, postId: string, request: PayRequest): Promise<PaymentView> {
    const { db, purchases, payments } = this.deps;
    try {
      return await payments.pay(request);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const live = await purchases.livePayment(db, fanId, postId);
    if (!live) throw new ConflictError('Another payment for this post just ended; try again');
    return payments.pay({ ...request, idempotencyKey: live.idempotencyKey, amount: live.amount });
  }
}
