import {
  asArray,
  expansions,
  list,
  metadataOf,
  obj,
  refuse,
  requiredInt,
  requiredString,
  str,
  type StandInObject,
  type StandInParams,
  type StandInRoute,
  type StandInStore,
} from './stripe-stand-in-store';

/**
 * TEST SUPPORT, NOT STRIPE: the stand-in's Billing: Products (with ids of our own), Prices (found by lookup key),
 * Coupons with Promotion Codes, and one-item Subscriptions whose first invoice is paid at once with the default
 * payment method. It bills no prorations and runs no renewals. Never used by production code.
 */
export class StandInBilling {
  constructor(private readonly store: StandInStore) {}

  readonly routes: readonly StandInRoute[] = [
    ['GET', /^\/v1\/products\/([^/]+)$/, (_p, id) => this.store.find(id, 'product')],
    ['POST', /^\/v1\/products$/, (p) => this.#createProduct(p)],
    ['POST', /^\/v1\/products\/([^/]+)$/, (p, id) => this.#updateProduct(id, p)],
    ['GET', /^\/v1\/prices$/, (p) => this.#listPrices(p)],
    ['POST', /^\/v1\/prices$/, (p) => this.#createPrice(p)],
    ['POST', /^\/v1\/coupons$/, (p) => this.#createCoupon(p)],
    ['GET', /^\/v1\/promotion_codes$/, (p) => this.#listPromotionCodes(p)],
    ['POST', /^\/v1\/promotion_codes$/, (p) => this.#createPromotionCode(p)],
    ['POST', /^\/v1\/subscriptions$/, (p) => this.#createSubscription(p)],
    [
      'GET',
      /^\/v1\/subscriptions\/([^/]+)$/,
      (p, id) => this.#expand(this.store.find(id, 'subscription'), p),
    ],
    ['POST', /^\/v1\/subscriptions\/([^/]+)$/, (p, id) => this.#updateSubscription(id, p)],
  ];

  #createProduct(p: StandInParams): StandInObject {
    const id = str(p.id);
    if (id && this.store.objects.has(id)) refuse('resource_already_exists', 'Product already exists.', 'id');
    const fields = {
      name: requiredString(p, 'name'),
      metadata: metadataOf(p),
      active: true,
      type: 'service',
    };
    if (!id) return this.store.create('prod', 'product', fields);
    return this.store.put({ id, object: 'product', ...this.store.stamp(), ...fields });
  }

  #updateProduct(id: string, p: StandInParams): StandInObject {
    const product = this.store.find(id, 'product');
    if (p.name !== undefined) product.name = requiredString(p, 'name');
    return product;
  }

  #listPrices(p: StandInParams): unknown {
    const lookupKeys = Array.isArray(p.lookup_keys) ? p.lookup_keys.map(String) : null;
    const prices = this.store
      .ofKind('price')
      .filter(
        (price) =>
          (!lookupKeys || lookupKeys.includes(String(price.lookup_key))) &&
          (p.active === undefined || String(price.active) === p.active),
      );
    return list('/v1/prices', prices, p);
  }

  /** A lookup key belongs to one price; `transfer_lookup_key` moves it from the price that has it. */
  #createPrice(p: StandInParams): StandInObject {
    const product = this.store.find(requiredString(p, 'product'), 'product');
    const lookupKey = str(p.lookup_key);
    const holder = lookupKey
      ? this.store.ofKind('price').find((price) => price.lookup_key === lookupKey)
      : undefined;
    if (holder && p.transfer_lookup_key !== 'true') {
      refuse('lookup_key_exists', `A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
    }
    if (holder) holder.lookup_key = null;
    const recurring = obj(p.recurring);
    return this.store.create('price', 'price', {
      active: true,
      currency: requiredString(p, 'currency'),
      unit_amount: requiredInt(p, 'unit_amount'),
      product: product.id,
      lookup_key: lookupKey ?? null,
      type: recurring ? 'recurring' : 'one_time',
      recurring: recurring
        ? { interval: str(recurring.interval), interval_count: 1, usage_type: 'licensed' }
        : null,
      billing_scheme: 'per_unit',
      metadata: metadataOf(p),
    });
  }

  #createCoupon(p: StandInParams): StandInObject {
    const percentOff = p.percent_off === undefined ? null : Number(p.percent_off);
    const amountOff = p.amount_off === undefined ? null : requiredInt(p, 'amount_off');
    if ((percentOff === null) === (amountOff === null)) {
      refuse('parameter_missing', 'You must pass exactly one of percent_off or amount_off.');
    }
    if (amountOff !== null && !p.currency)
      refuse('parameter_missing', 'You must pass currency with amount_off.');
    return this.store.create('coupon', 'coupon', {
      percent_off: percentOff,
      amount_off: amountOff,
      currency: str(p.currency) ?? null,
      duration: str(p.duration) ?? 'once',
      max_redemptions: p.max_redemptions === undefined ? null : requiredInt(p, 'max_redemptions'),
      redeem_by: p.redeem_by === undefined ? null : requiredInt(p, 'redeem_by'),
      times_redeemed: 0,
      valid: true,
      metadata: metadataOf(p),
    });
  }

  /** Codes match case-insensitively, as on Stripe; `expand[]=data.promotion.coupon` is honoured. */
  #listPromotionCodes(p: StandInParams): unknown {
    const code = str(p.code)?.toLowerCase();
    const codes = this.store
      .ofKind('promotion_code')
      .filter(
        (promo) =>
          (code === undefined || String(promo.code).toLowerCase() === code) &&
          (p.active === undefined || String(promo.active) === p.active),
      );
    const expandCoupon = expansions(p).includes('data.promotion.coupon');
    const answered = codes.map((promo) => {
      if (!expandCoupon) return promo;
      const promotion = promo.promotion as { coupon: string; type: string };
      return { ...promo, promotion: { ...promotion, coupon: this.store.find(promotion.coupon, 'coupon') } };
    });
    return list('/v1/promotion_codes', answered, p);
  }

  #createPromotionCode(p: StandInParams): StandInObject {
    const promotion = obj(p.promotion);
    if (promotion?.type !== 'coupon') refuse('parameter_missing', 'Missing required param: promotion[type].');
    const coupon = this.store.find(String(promotion.coupon), 'coupon');
    const code = requiredString(p, 'code');
    const taken = this.store
      .ofKind('promotion_code')
      .some((promo) => promo.active === true && String(promo.code).toLowerCase() === code.toLowerCase());
    if (taken)
      refuse('resource_already_exists', `An active promotion code with \`code: ${code}\` already exists.`);
    return this.store.create('promo', 'promotion_code', {
      active: true,
      code,
      promotion: { type: 'coupon', coupon: coupon.id },
      max_redemptions: null,
      expires_at: null,
      times_redeemed: 0,
      metadata: metadataOf(p),
    });
  }

  /**
   * A subscription with one item. A trial starts without a payment; otherwise the first invoice is paid at once
   * with the default payment method, and a decline leaves the subscription `incomplete` (as `allow_incomplete`).
   */
  #createSubscription(p: StandInParams): StandInObject {
    const customer = this.store.find(requiredString(p, 'customer'), 'customer');
    const items = asArray(p.items);
    const price = this.store.find(String(obj(items[0])?.price), 'price');
    if (items.length !== 1 || !price.recurring)
      refuse('parameter_invalid', 'The stand-in takes one recurring price.');
    const promoId = str(obj(asArray(p.discounts)[0])?.promotion_code);
    const coupon = promoId ? this.#redeem(promoId) : null;
    const now = this.store.now();
    const trialDays = p.trial_period_days === undefined ? 0 : requiredInt(p, 'trial_period_days');
    const interval = String((price.recurring as { interval: string }).interval);
    const periodEnd = trialDays > 0 ? now + trialDays * 86_400 : addInterval(now, interval);
    const id = this.store.nextId('sub');
    const item = this.store.create('si', 'subscription_item', {
      price,
      quantity: 1,
      subscription: id,
      current_period_start: now,
      current_period_end: periodEnd,
      metadata: {},
    });
    const due = trialDays > 0 ? 0 : discounted(Number(price.unit_amount), coupon);
    const paymentMethod = str(p.default_payment_method) ?? '';
    const paid = due === 0 || this.store.paymentMethods.get(paymentMethod)?.kind === 'succeeds';
    const metadata = metadataOf(p);
    const invoice = this.store.create('in', 'invoice', {
      amount_due: due,
      amount_paid: paid ? due : 0,
      currency: price.currency,
      customer: customer.id,
      status: paid ? 'paid' : 'open',
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: id, metadata },
        quote_details: null,
      },
      lines: list(`/v1/invoices/lines`, [
        {
          id: this.store.nextId('il'),
          object: 'line_item',
          amount: due,
          currency: price.currency,
          period: { start: now, end: periodEnd },
          parent: {
            type: 'subscription_item_details',
            subscription_item_details: { subscription: id, subscription_item: item.id, proration: false },
          },
        },
      ]),
      period_start: now,
      period_end: now,
    });
    const subscription = this.store.put({
      id,
      object: 'subscription',
      ...this.store.stamp(),
      status: trialDays > 0 ? 'trialing' : paid ? 'active' : 'incomplete',
      customer: customer.id,
      currency: price.currency,
      default_payment_method: paymentMethod || null,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      start_date: now,
      billing_cycle_anchor: periodEnd,
      collection_method: 'charge_automatically',
      discounts: coupon ? [this.store.nextId('di')] : [],
      items: list(`/v1/subscription_items?subscription=${id}`, [item]),
      latest_invoice: invoice.id,
      metadata,
      trial_start: trialDays > 0 ? now : null,
      trial_end: trialDays > 0 ? periodEnd : null,
      pending_update: null,
    });
    return this.#expand(subscription, p);
  }

  /**
   * Cancels at period end (or takes it back) and moves items to other prices. A price change is applied at once,
   * as if its proration invoice were paid: the stand-in bills no prorations.
   */
  #updateSubscription(id: string, p: StandInParams): StandInObject {
    const subscription = this.store.find(id, 'subscription');
    if (p.cancel_at_period_end !== undefined)
      subscription.cancel_at_period_end = p.cancel_at_period_end === 'true';
    const behaviour = str(p.proration_behavior);
    if (behaviour && !['create_prorations', 'always_invoice', 'none'].includes(behaviour)) {
      refuse('parameter_invalid_string', `Invalid proration_behavior: ${behaviour}`, 'proration_behavior');
    }
    const items = (subscription.items as { data: StandInObject[] }).data;
    for (const change of asArray(p.items).map(obj)) {
      const item = items.find((candidate) => candidate.id === change?.id);
      if (!item) refuse('resource_missing', `No such subscription item: '${String(change?.id)}'`, 'items');
      if (change?.price !== undefined) item.price = this.store.find(String(change.price), 'price');
    }
    return this.#expand(subscription, p);
  }

  #expand(subscription: StandInObject, p: StandInParams): StandInObject {
    if (!expansions(p).includes('latest_invoice')) return subscription;
    return {
      ...subscription,
      latest_invoice: this.store.find(String(subscription.latest_invoice), 'invoice'),
    };
  }

  #redeem(promoId: string): StandInObject {
    const promo = this.store.find(promoId, 'promotion_code');
    if (promo.active !== true) refuse('coupon_expired', `This promotion code is inactive: '${promoId}'`);
    promo.times_redeemed = Number(promo.times_redeemed) + 1;
    const coupon = this.store.find(String((promo.promotion as { coupon: string }).coupon), 'coupon');
    coupon.times_redeemed = Number(coupon.times_redeemed) + 1;
    return coupon;
  }
}

function discounted(amount: number, coupon: StandInObject | null): number {
  if (!coupon) return amount;
  if (coupon.percent_off !== null) return Math.round((amount * (100 - Number(coupon.percent_off))) / 100);
  return Math.max(0, amount - Number(coupon.amount_off));
}

/** One billing interval later, on the same day of the month (UTC). */
function addInterval(seconds: number, interval: string): number {
  const date = new Date(seconds * 1000);
  if (interval === 'year') date.setUTCFullYear(date.getUTCFullYear() + 1);
  else date.setUTCMonth(date.getUTCMonth() + 1);
  return Math.floor(date.getTime() / 1000);
}
