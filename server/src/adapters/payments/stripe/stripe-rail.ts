import Stripe from 'stripe';
import { ConflictError, ValidationError } from '@shared/domain/errors';
import type { Amount } from '@shared/domain/money';
import type {
  ChargeOutcome,
  ChargeRequest,
  CustomerRequest,
  PaymentRail,
  PayoutRequest,
  PriceRequest,
  PromoRequest,
  RailEvent,
  RailSubscription,
  RefundRequest,
  SubscribeRequest,
} from '../../../services/payments/payment-rail';
import { STRIPE_CURRENCY, toStripeAmount } from './stripe-amounts';
import { translateStripeError } from './stripe-errors';
import { chargeOutcome, railSubscription } from './stripe-objects';
import { couponTerms, PROMO_DURATION, sameTerms } from './stripe-promo-terms';
import { parseStripeWebhook } from './stripe-webhooks';

export interface StripeRailOptions {
  /** `sk_live_…` or `sk_test_…`. */
  readonly secretKey: string;
  /** The webhook endpoint's signing secret (`whsec_…`), for `parseWebhook`. */
  readonly webhookSecret: string;
  /** Handed to the SDK as is; tests point it at the local stand-in (`host`, `port`, `protocol: 'http'`). */
  readonly stripeOptions?: Stripe.StripeConfig;
}

/**
 * How a moved subscription is billed for the rest of its period. `always_invoice` bills (or credits) the
 * difference at once: an upgrade is paid before its perks are used, rather than carried as a pending item that a
 * cancellation at period end could leave unbilled. With `pending_if_incomplete`, Stripe applies the new price only
 * once that invoice is paid, so a declined upgrade leaves the fan on the tier they paid for.
 */
const PRORATION_BEHAVIOR = 'always_invoice' satisfies Stripe.SubscriptionUpdateParams.ProrationBehavior;

/** Stripe keeps idempotency keys up to 255 characters; ours get a short suffix per step of a multi-call method. */
const MAX_IDEMPOTENCY_KEY = 200;

/** Our ids inside Stripe ids and lookup keys: letters, digits, `_` and `-` only. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The card rail on Stripe's official SDK: customers, PaymentIntents (charge now, or hold and capture or void
 * later), refunds, Connect transfers to creators (separate charges and transfers, tied by `transfer_group`) and
 * Billing (a Product per tier, a Price per amount and interval, Coupons with Promotion Codes, Subscriptions).
 * Every call that creates or moves something carries the caller's idempotency key as Stripe's own
 * `Idempotency-Key` (with a per-step suffix where one method makes several objects), so a retry never moves money
 * twice.
 *
 * Tested against a local stand-in of Stripe's API (`stripe-stand-in.ts`) through the real SDK, not against Stripe
 * itself.
 */
export class StripeRail implements PaymentRail {
  readonly name = 'stripe' as const;
  readonly #stripe: Stripe;
  readonly #webhookSecret: string;

  constructor(options: StripeRailOptions) {
    if (!options.secretKey) throw new ValidationError('a Stripe secret key is required', 'secretKey');
    if (!options.webhookSecret) {
      throw new ValidationError('a Stripe webhook signing secret is required', 'webhookSecret');
    }
    this.#stripe = new Stripe(options.secretKey, { ...options.stripeOptions });
    this.#webhookSecret = options.webhookSecret;
  }

  /** A signed webhook delivery as a RailEvent (null for event types the rail ignores); see `parseStripeWebhook`. */
  parseWebhook(rawBody: Buffer | string, signatureHeader: string | undefined): RailEvent | null {
    return parseStripeWebhook(rawBody, signatureHeader, this.#webhookSecret);
  }

  async ensureCustomer(request: CustomerRequest): Promise<string> {
    const customer = await this.#call(() =>
      this.#stripe.customers.create(
        { email: request.email, metadata: { fanId: request.fanId } },
        { idempotencyKey: idempotencyKey(request.idempotencyKey) },
      ),
    );
    return customer.id;
  }

  /**
   * Creates and confirms a PaymentIntent on the fan's saved card, off session (the fan is not there to
   * authenticate: a card that asks for it is declined). A hold authorises only (`capture_method: manual`).
   * A card decline is an outcome, not an error.
   */
  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const amountInCents = toStripeAmount(request.amount);
    const key = idempotencyKey(request.idempotencyKey);
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.#stripe.paymentIntents.create(
        {
          amount: amountInCents,
          currency: STRIPE_CURRENCY,
          customer: request.customer,
          payment_method: request.paymentMethod,
          confirm: true,
          off_session: true,
          // Saved cards only: nothing that would need a redirect, so no return_url.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          capture_method: request.hold ? 'manual' : 'automatic',
          description: request.description,
          metadata: { ...request.metadata },
          transfer_group: request.transferGroup,
        },
        { idempotencyKey: key },
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        return { status: 'declined', reference: error.payment_intent?.id ?? null, reason: error.message };
      }
      throw translateStripeError(error);
    }
    return chargeOutcome(intent);
  }

  async capture(charge: string, amount: Amount, idempotencyKeyOfCall: string): Promise<void> {
    const amountInCents = toStripeAmount(amount);
    await this.#call(() =>
      this.#stripe.paymentIntents.capture(
        charge,
        { amount_to_capture: amountInCents },
        { idempotencyKey: idempotencyKey(idempotencyKeyOfCall) },
      ),
    );
  }

  async void(charge: string, idempotencyKeyOfCall: string): Promise<void> {
    await this.#call(() =>
      this.#stripe.paymentIntents.cancel(
        charge,
        {},
        { idempotencyKey: idempotencyKey(idempotencyKeyOfCall) },
      ),
    );
  }

  async refund(request: RefundRequest): Promise<{ readonly reference: string }> {
    const amountInCents = toStripeAmount(request.amount);
    const refund = await this.#call(() =>
      this.#stripe.refunds.create(
        { payment_intent: request.charge, amount: amountInCents, metadata: { ...request.metadata } },
        { idempotencyKey: idempotencyKey(request.idempotencyKey) },
      ),
    );
    return { reference: refund.id };
  }

  /** A Connect transfer from the platform's balance to the creator's connected account. */
  async payout(request: PayoutRequest): Promise<{ readonly reference: string }> {
    const amountInCents = toStripeAmount(request.amount);
    const transfer = await this.#call(() =>
      this.#stripe.transfers.create(
        {
          amount: amountInCents,
          currency: STRIPE_CURRENCY,
          destination: request.destination,
          transfer_group: request.transferGroup,
          metadata: { ...request.metadata },
        },
        { idempotencyKey: idempotencyKey(request.idempotencyKey) },
      ),
    );
    return { reference: transfer.id };
  }

  /**
   * The tier's Product has our id (`mesi_tier_<tierId>`), so it is found again without a search (Stripe's search
   * is eventually consistent). Prices are immutable: each amount and interval is its own Price, found again by
   * its `lookup_key`; a new amount makes a new Price and subscribers keep the one they have.
   */
  async ensurePrice(request: PriceRequest): Promise<string> {
    const unitAmount = toStripeAmount(request.amount);
    const tierId = safeId(request.tierId, 'tierId');
    const key = idempotencyKey(request.idempotencyKey);
    const lookupKey = `mesi_tier_${tierId}_${request.interval}_${STRIPE_CURRENCY}_${unitAmount}`;
    const found = await this.#call(() => this.#stripe.prices.list({ lookup_keys: [lookupKey], limit: 1 }));
    const existing = found.data[0];
    if (existing?.active) return existing.id;
    const productId = await this.#ensureProduct(`mesi_tier_${tierId}`, request, key);
    const price = await this.#call(() =>
      this.#stripe.prices.create(
        {
          product: productId,
          currency: STRIPE_CURRENCY,
          unit_amount: unitAmount,
          recurring: { interval: request.interval },
          lookup_key: lookupKey,
          // An archived price may still hold the key; the new one takes it over.
          transfer_lookup_key: true,
          metadata: { tierId: request.tierId, interval: request.interval },
        },
        { idempotencyKey: `${key}:price` },
      ),
    );
    return price.id;
  }

  async #ensureProduct(productId: string, request: PriceRequest, key: string): Promise<string> {
    const product = await this.#retrieveProduct(productId);
    if (!product) {
      try {
        await this.#stripe.products.create(
          { id: productId, name: request.tierName, metadata: { tierId: request.tierId } },
          { idempotencyKey: `${key}:product` },
        );
      } catch (error) {
        // Made by a concurrent call with another key in the meantime: the product is there, which is all we need.
        if (!(
          error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_already_exists'
        )) {
          throw translateStripeError(error);
        }
      }
    } else if (product.name !== request.tierName) {
      // Fans see the product's name on their invoices: keep it the tier's current name.
      await this.#call(() =>
        this.#stripe.products.update(
          productId,
          { name: request.tierName },
          { idempotencyKey: `${key}:product-name` },
        ),
      );
    }
    return productId;
  }

  async #retrieveProduct(productId: string): Promise<Stripe.Product | null> {
    try {
      return await this.#stripe.products.retrieve(productId);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_missing')
        return null;
      throw translateStripeError(error);
    }
  }

  /**
   * A Coupon with the discount and its limits, and a Promotion Code carrying the code fans type. An active code
   * is unique on Stripe, so an existing one is answered when its terms are the same, and refused otherwise.
   */
  async ensurePromo(request: PromoRequest): Promise<string> {
    const terms = couponTerms(request);
    const key = idempotencyKey(request.idempotencyKey);
    const found = await this.#call(() =>
      this.#stripe.promotionCodes.list({
        code: request.code,
        active: true,
        limit: 1,
        expand: ['data.promotion.coupon'],
      }),
    );
    const existing = found.data[0];
    if (existing) {
      const coupon = existing.promotion.coupon;
      if (typeof coupon === 'object' && coupon !== null && sameTerms(coupon, terms)) return existing.id;
      throw new ConflictError(`the promo code ${request.code} already exists with other terms`);
    }
    const coupon = await this.#call(() =>
      this.#stripe.coupons.create(
        { ...terms, duration: PROMO_DURATION, metadata: { code: request.code } },
        { idempotencyKey: `${key}:coupon` },
      ),
    );
    const promotionCode = await this.#call(() =>
      this.#stripe.promotionCodes.create(
        { promotion: { type: 'coupon', coupon: coupon.id }, code: request.code },
        { idempotencyKey: `${key}:promotion-code` },
      ),
    );
    return promotionCode.id;
  }

  /**
   * Starts a subscription on the fan's saved card. A first payment that fails leaves it `incomplete` (Stripe's
   * default `allow_incomplete`), told back as such rather than thrown; a trial starts without a payment.
   */
  async subscribe(request: SubscribeRequest): Promise<RailSubscription> {
    if (!Number.isInteger(request.trialDays) || request.trialDays < 0) {
      throw new ValidationError('trial days must be a whole number, 0 or more', 'trialDays');
    }
    const subscription = await this.#call(() =>
      this.#stripe.subscriptions.create(
        {
          customer: request.customer,
          items: [{ price: request.price }],
          default_payment_method: request.paymentMethod,
          ...(request.trialDays > 0 ? { trial_period_days: request.trialDays } : {}),
          ...(request.promo ? { discounts: [{ promotion_code: request.promo }] } : {}),
          payment_behavior: 'allow_incomplete',
          metadata: { ...request.metadata },
          // The first invoice (and its payment) in the same answer, for whoever logs or inspects it.
          expand: ['latest_invoice'],
        },
        { idempotencyKey: idempotencyKey(request.idempotencyKey) },
      ),
    );
    return railSubscription(subscription);
  }

  async setCancelAtPeriodEnd(
    subscription: string,
    cancel: boolean,
    idempotencyKeyOfCall: string,
  ): Promise<RailSubscription> {
    const updated = await this.#call(() =>
      this.#stripe.subscriptions.update(
        subscription,
        { cancel_at_period_end: cancel },
        { idempotencyKey: idempotencyKey(idempotencyKeyOfCall) },
      ),
    );
    return railSubscription(updated);
  }

  /** Moves the subscription's one item to `price`, billing the difference at once (see PRORATION_BEHAVIOR). */
  async changePrice(
    subscription: string,
    price: string,
    idempotencyKeyOfCall: string,
  ): Promise<RailSubscription> {
    const key = idempotencyKey(idempotencyKeyOfCall);
    const current = await this.#call(() => this.#stripe.subscriptions.retrieve(subscription));
    const [item, ...others] = current.items.data;
    if (!item || others.length > 0) {
      throw new Error(
        `Stripe subscription ${subscription} has ${current.items.data.length} items; expected one`,
      );
    }
    const updated = await this.#call(() =>
      this.#stripe.subscriptions.update(
        subscription,
        {
          items: [{ id: item.id, price }],
          proration_behavior: PRORATION_BEHAVIOR,
          payment_behavior: 'pending_if_incomplete',
        },
        { idempotencyKey: key },
      ),
    );
    return railSubscription(updated);
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw translateStripeError(error);
    }
  }
}

function idempotencyKey(key: string): string {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY) {
    throw new ValidationError(`an idempotency key must have 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
  }
  return key;
}

function safeId(value: string, field: string): string {
  if (!SAFE_ID.test(value)) throw new ValidationError(`${field} must be letters, digits, _ or -`, field);
  return value;
}
