import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { ConflictError } from '@shared/domain/errors';
import { amount } from '@shared/domain/money';
import type { ChargeRequest, SubscribeRequest } from '../../../services/payments/payment-rail';
import { UnsupportedCurrencyError } from './stripe-amounts';
import { StripeUnavailableError } from './stripe-errors';
import { StripeRail } from './stripe-rail';
import { StripeStandIn } from './stripe-stand-in';

// Every call below goes through the real Stripe SDK to a local stand-in of Stripe's API: what these tests prove is
// what the rail sends and how it reads the answers, not Stripe's own behaviour.

const START = '2026-03-01T00:00:00.000Z';
const usd = (cents: bigint) => amount('USD', cents);

let clock: ManualClock;
let standIn: StripeStandIn;
let rail: StripeRail;

beforeEach(async () => {
  clock = new ManualClock(START);
  standIn = await StripeStandIn.start({ clock });
  rail = new StripeRail({
    secretKey: 'sk_test_standIn',
    webhookSecret: 'whsec_standIn',
    stripeOptions: standIn.stripeOptions,
  });
});

afterEach(async () => {
  await standIn.close();
});

function chargeRequest(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  return {
    idempotencyKey: 'charge-1',
    amount: usd(1250n),
    customer: 'cus_x',
    paymentMethod: 'pm_card_visa',
    hold: false,
    description: 'Unlock: Behind the scenes',
    metadata: { purchaseId: 'pur_1', fanId: 'fan_1' },
    transferGroup: 'purchase:pur_1',
    ...overrides,
  };
}

async function customer(): Promise<string> {
  return rail.ensureCustomer({ idempotencyKey: 'customer-fan_1', fanId: 'fan_1', email: 'fan@example.test' });
}

describe('customers', () => {
  it('creates the fan as a Stripe customer with the fan id in its metadata, under the caller key', async () => {
    const id = await customer();

    expect(id).toMatch(/^cus_/);
    const [request, ...others] = standIn.requestsTo('POST', '/v1/customers');
    expect(others).toHaveLength(0);
    expect(request).toMatchObject({
      params: { email: 'fan@example.test', metadata: { fanId: 'fan_1' } },
      idempotencyKey: 'customer-fan_1',
    });
  });

  it('answers the same customer when the call is retried with the same key, and makes only one', async () => {
    const first = await customer();
    const again = await customer();

    expect(again).toBe(first);
    expect(standIn.objectsOf('customer')).toHaveLength(1);
    expect(standIn.requestsTo('POST', '/v1/customers').map((r) => r.replayed)).toEqual([false, true]);
  });
});

describe('charges', () => {
  it('charges a saved card now: a confirmed, off-session PaymentIntent in USD cents with our references', async () => {
    const cus = await customer();
    const outcome = await rail.charge(chargeRequest({ customer: cus }));

    expect(outcome).toEqual({ status: 'succeeded', reference: expect.stringMatching(/^pi_/) });
    const [request] = standIn.requestsTo('POST', '/v1/payment_intents');
    expect(request).toMatchObject({
      idempotencyKey: 'charge-1',
      params: {
        amount: '1250',
        currency: 'usd',
        customer: cus,
        payment_method: 'pm_card_visa',
        confirm: 'true',
        off_session: 'true',
        capture_method: 'automatic',
        automatic_payment_methods: { enabled: 'true', allow_redirects: 'never' },
        description: 'Unlock: Behind the scenes',
        transfer_group: 'purchase:pur_1',
        metadata: { purchaseId: 'pur_1', fanId: 'fan_1' },
      },
    });
  });

  it('holds a bid with manual capture, then captures part of it under its own key', async () => {
    const cus = await customer();
    const outcome = await rail.charge(
      chargeRequest({ customer: cus, hold: true, idempotencyKey: 'bid-1:hold' }),
    );
    expect(outcome.status).toBe('held');
    expect(standIn.requestsTo('POST', '/v1/payment_intents')[0]?.params.capture_method).toBe('manual');

    const reference = outcome.reference!;
    await rail.capture(reference, usd(800n), 'bid-1:capture');

    const [capture] = standIn.requestsTo('POST', `/v1/payment_intents/${reference}/capture`);
    expect(capture).toMatchObject({ params: { amount_to_capture: '800' }, idempotencyKey: 'bid-1:capture' });
    expect(standIn.object(reference)).toMatchObject({ status: 'succeeded', amount_received: 800 });
  });

  it('voids a hold by cancelling its PaymentIntent, under the caller key', async () => {
    const cus = await customer();
    const held = await rail.charge(chargeRequest({ customer: cus, hold: true }));

    await rail.void(held.reference!, 'bid-1:release');

    const [cancel] = standIn.requestsTo('POST', `/v1/payment_intents/${held.reference}/cancel`);
    expect(cancel?.idempotencyKey).toBe('bid-1:release');
    expect(standIn.object(held.reference!)).toMatchObject({ status: 'canceled' });
  });

  it.each([
    ['pm_card_chargeDeclined', 'Your card was declined.'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'Your card has insufficient funds.'],
    ['pm_card_authenticationRequired', 'Your card was declined. This transaction requires authentication.'],
  ])(
    'answers a card decline (%s) as declined with Stripe’s message, not as an error',
    async (pm, message) => {
      const cus = await customer();
      const outcome = await rail.charge(chargeRequest({ customer: cus, paymentMethod: pm }));

      expect(outcome).toEqual({
        status: 'declined',
        reference: expect.stringMatching(/^pi_/),
        reason: message,
      });
      // Stripe answers a decline with a 402 card_error, which the SDK raises as StripeCardError.
      expect(standIn.requestsTo('POST', '/v1/payment_intents').map((r) => r.status)).toEqual([402]);
      expect(standIn.object(outcome.reference!)).toMatchObject({ status: 'requires_payment_method' });
    },
  );

  it('answers processing when Stripe has accepted the payment but not settled it', async () => {
    standIn.definePaymentMethod('pm_bank_debit', { kind: 'processing' });
    const cus = await customer();

    const outcome = await rail.charge(chargeRequest({ customer: cus, paymentMethod: 'pm_bank_debit' }));

    expect(outcome).toEqual({ status: 'processing', reference: expect.stringMatching(/^pi_/) });
  });

  it('makes one PaymentIntent when a charge is retried with the same key', async () => {
    const cus = await customer();
    const first = await rail.charge(chargeRequest({ customer: cus }));
    const again = await rail.charge(chargeRequest({ customer: cus }));

    expect(again).toEqual(first);
    expect(standIn.objectsOf('payment_intent')).toHaveLength(1);
  });

  it('replays a decline for a retried key instead of trying the card again', async () => {
    const cus = await customer();
    const request = chargeRequest({ customer: cus, paymentMethod: 'pm_card_chargeDeclined' });
    const first = await rail.charge(request);
    const again = await rail.charge(request);

    expect(again).toEqual(first);
    expect(standIn.objectsOf('payment_intent')).toHaveLength(1);
  });

  it('charges once when the answer is lost on the way back and the SDK retries with the same key', async () => {
    const cus = await customer();
    standIn.dropNextAnswer();

    const outcome = await rail.charge(chargeRequest({ customer: cus }));

    expect(outcome.status).toBe('succeeded');
    const attempts = standIn.requestsTo('POST', '/v1/payment_intents');
    expect(attempts.map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      ['charge-1', false],
      ['charge-1', true],
    ]);
    expect(standIn.objectsOf('payment_intent')).toHaveLength(1);
  });

  it('refuses a key reused for a different charge as a conflict', async () => {
    const cus = await customer();
    await rail.charge(chargeRequest({ customer: cus }));

    await expect(rail.charge(chargeRequest({ customer: cus, amount: usd(999n) }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(standIn.objectsOf('payment_intent')).toHaveLength(1);
  });

  it('refuses USDC and $MESI before anything reaches Stripe', async () => {
    await expect(rail.charge(chargeRequest({ amount: amount('USDC', 1_000_000n) }))).rejects.toThrow(
      UnsupportedCurrencyError,
    );
    await expect(rail.capture('pi_x', amount('MESI', 10n ** 18n), 'k')).rejects.toThrow(
      /only takes USD, not MESI/,
    );
    await expect(
      rail.refund({ idempotencyKey: 'k', charge: 'pi_x', amount: amount('USDC', 1n), metadata: {} }),
    ).rejects.toThrow(UnsupportedCurrencyError);
    await expect(
      rail.payout({
        idempotencyKey: 'k',
        destination: 'acct_1',
        amount: amount('MESI', 1n),
        transferGroup: 'g',
        metadata: {},
      }),
    ).rejects.toThrow(UnsupportedCurrencyError);
    expect(standIn.requests).toHaveLength(0);
  });

  it('says Stripe is unavailable (retry later) when it cannot be reached', async () => {
    const port = standIn.stripeOptions.port;
    await standIn.close();
    const offline = new StripeRail({
      secretKey: 'sk_test_standIn',
      webhookSecret: 'whsec_standIn',
      stripeOptions: { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 },
    });

    await expect(offline.charge(chargeRequest())).rejects.toBeInstanceOf(StripeUnavailableError);
    standIn = await StripeStandIn.start({ clock }); // for afterEach
  });
});

describe('refunds and payouts', () => {
  it('refunds part of a charge against its PaymentIntent, under the caller key', async () => {
    const cus = await customer();
    const charged = await rail.charge(chargeRequest({ customer: cus }));

    const refund = await rail.refund({
      idempotencyKey: 'refund-1',
      charge: charged.reference!,
      amount: usd(500n),
      metadata: { refundId: 'ref_1' },
    });

    expect(refund.reference).toMatch(/^re_/);
    const [request] = standIn.requestsTo('POST', '/v1/refunds');
    expect(request).toMatchObject({
      idempotencyKey: 'refund-1',
      params: { payment_intent: charged.reference, amount: '500', metadata: { refundId: 'ref_1' } },
    });
    expect(standIn.object(String(standIn.object(charged.reference!)?.latest_charge))).toMatchObject({
      amount_refunded: 500,
    });
  });

  it('pays a creator with a Connect transfer to their account in the charge’s transfer group', async () => {
    const payout = await rail.payout({
      idempotencyKey: 'payout-1',
      destination: 'acct_creator1',
      amount: usd(9000n),
      transferGroup: 'purchase:pur_1',
      metadata: { creatorId: 'cr_1' },
    });

    expect(payout.reference).toMatch(/^tr_/);
    const [request] = standIn.requestsTo('POST', '/v1/transfers');
    expect(request).toMatchObject({
      idempotencyKey: 'payout-1',
      params: {
        amount: '9000',
        currency: 'usd',
        destination: 'acct_creator1',
        transfer_group: 'purchase:pur_1',
        metadata: { creatorId: 'cr_1' },
      },
    });
  });

  it('sends a payout once when it is retried with the same key', async () => {
    const request = {
      idempotencyKey: 'payout-1',
      destination: 'acct_creator1',
      amount: usd(9000n),
      transferGroup: 'g',
      metadata: {},
    };
    const first = await rail.payout(request);
    const again = await rail.payout(request);

    expect(again).toEqual(first);
    expect(standIn.objectsOf('transfer')).toHaveLength(1);
  });
});

describe('prices', () => {
  const gold = {
    idempotencyKey: 'price-gold-1',
    tierId: 'tier_gold',
    tierName: 'Gold',
    interval: 'month' as const,
    amount: usd(999n),
  };

  it('makes a Product for the tier and a monthly Price for the amount, each under a key from the caller’s', async () => {
    const price = await rail.ensurePrice(gold);

    expect(price).toMatch(/^price_/);
    const [product] = standIn.requestsTo('POST', '/v1/products');
    expect(product).toMatchObject({
      idempotencyKey: 'price-gold-1:product',
      params: { id: 'mesi_tier_tier_gold', name: 'Gold', metadata: { tierId: 'tier_gold' } },
    });
    const [created] = standIn.requestsTo('POST', '/v1/prices');
    expect(created).toMatchObject({
      idempotencyKey: 'price-gold-1:price',
      params: {
        product: 'mesi_tier_tier_gold',
        currency: 'usd',
        unit_amount: '999',
        recurring: { interval: 'month' },
        lookup_key: 'mesi_tier_tier_gold_month_usd_999',
      },
    });
  });

  it('finds the same Price again by its lookup key, without creating anything', async () => {
    const first = await rail.ensurePrice(gold);
    const posts = standIn.requests.filter((r) => r.method === 'POST').length;

    const again = await rail.ensurePrice({ ...gold, idempotencyKey: 'price-gold-2' });

    expect(again).toBe(first);
    expect(standIn.requests.filter((r) => r.method === 'POST')).toHaveLength(posts);
  });

  it('makes a new Price for a new amount on the same Product (prices are immutable)', async () => {
    const old = await rail.ensurePrice(gold);
    const raised = await rail.ensurePrice({ ...gold, idempotencyKey: 'price-gold-2', amount: usd(1499n) });

    expect(raised).not.toBe(old);
    expect(standIn.objectsOf('product')).toHaveLength(1);
    expect(standIn.object(old)).toMatchObject({ unit_amount: 999, active: true });
    expect(standIn.object(raised)).toMatchObject({ unit_amount: 1499, product: 'mesi_tier_tier_gold' });
  });

  it('makes a yearly Price apart from the monthly one', async () => {
    const monthly = await rail.ensurePrice(gold);
    const yearly = await rail.ensurePrice({
      ...gold,
      idempotencyKey: 'k2',
      interval: 'year',
      amount: usd(9990n),
    });

    expect(yearly).not.toBe(monthly);
    expect(standIn.object(yearly)).toMatchObject({ recurring: { interval: 'year' } });
  });

  it('renames the tier’s Product when the tier was renamed', async () => {
    await rail.ensurePrice(gold);
    await rail.ensurePrice({
      ...gold,
      idempotencyKey: 'price-gold-2',
      tierName: 'Gold+',
      amount: usd(1999n),
    });

    const [rename] = standIn.requestsTo('POST', '/v1/products/mesi_tier_tier_gold');
    expect(rename).toMatchObject({ params: { name: 'Gold+' }, idempotencyKey: 'price-gold-2:product-name' });
  });
});

describe('promo codes', () => {
  const promo = {
    idempotencyKey: 'promo-spring',
    code: 'SPRING20',
    discount: { percentOff: 20 },
    maxRedemptions: 100,
    expiresAt: new Date('2026-04-30T00:00:00.000Z'),
  };

  it('makes a percent-off Coupon with its limits and a Promotion Code with the code', async () => {
    const id = await rail.ensurePromo(promo);

    expect(id).toMatch(/^promo_/);
    const [coupon] = standIn.requestsTo('POST', '/v1/coupons');
    expect(coupon).toMatchObject({
      idempotencyKey: 'promo-spring:coupon',
      params: {
        percent_off: '20',
        duration: 'once',
        max_redemptions: '100',
        redeem_by: String(Date.parse('2026-04-30T00:00:00.000Z') / 1000),
      },
    });
    expect(coupon?.params.amount_off).toBeUndefined();
    const [code] = standIn.requestsTo('POST', '/v1/promotion_codes');
    expect(code).toMatchObject({
      idempotencyKey: 'promo-spring:promotion-code',
      params: { code: 'SPRING20', promotion: { type: 'coupon', coupon: standIn.objectsOf('coupon')[0]?.id } },
    });
  });

  it('makes an amount-off Coupon in USD cents', async () => {
    await rail.ensurePromo({
      ...promo,
      code: 'FIVEOFF',
      discount: { amountOff: usd(500n) },
      maxRedemptions: null,
      expiresAt: null,
    });

    const [coupon] = standIn.requestsTo('POST', '/v1/coupons');
    expect(coupon?.params).toMatchObject({ amount_off: '500', currency: 'usd' });
    expect(coupon?.params.max_redemptions).toBeUndefined();
    expect(coupon?.params.redeem_by).toBeUndefined();
  });

  it('answers the existing code when asked again with the same terms', async () => {
    const first = await rail.ensurePromo(promo);
    const again = await rail.ensurePromo({ ...promo, idempotencyKey: 'promo-spring-again' });

    expect(again).toBe(first);
    expect(standIn.objectsOf('coupon')).toHaveLength(1);
  });

  it('refuses an active code that already gives a different discount', async () => {
    await rail.ensurePromo(promo);

    await expect(
      rail.ensurePromo({ ...promo, idempotencyKey: 'other', discount: { percentOff: 50 } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a fixed discount in a currency other than USD', async () => {
    await expect(rail.ensurePromo({ ...promo, discount: { amountOff: amount('USDC', 5n) } })).rejects.toThrow(
      UnsupportedCurrencyError,
    );
  });
});

describe('subscriptions', () => {
  async function subscribeRequest(overrides: Partial<SubscribeRequest> = {}): Promise<SubscribeRequest> {
    const cus = await customer();
    const price = await rail.ensurePrice({
      idempotencyKey: 'price-gold',
      tierId: 'tier_gold',
      tierName: 'Gold',
      interval: 'month',
      amount: usd(999n),
    });
    return {
      idempotencyKey: 'sub-1',
      customer: cus,
      paymentMethod: 'pm_card_visa',
      price,
      trialDays: 0,
      promo: null,
      metadata: { fanId: 'fan_1', creatorId: 'cr_1', tierId: 'tier_gold' },
      ...overrides,
    };
  }

  it('starts a paid subscription on the saved card, running for a month from now', async () => {
    const request = await subscribeRequest();
    const subscription = await rail.subscribe(request);

    expect(subscription).toEqual({
      reference: expect.stringMatching(/^sub_/),
      status: 'active',
      currentPeriodEnd: new Date('2026-04-01T00:00:00.000Z'),
      cancelAtPeriodEnd: false,
    });
    const [create] = standIn.requestsTo('POST', '/v1/subscriptions');
    expect(create).toMatchObject({
      idempotencyKey: 'sub-1',
      params: {
        customer: request.customer,
        items: [{ price: request.price }],
        default_payment_method: 'pm_card_visa',
        payment_behavior: 'allow_incomplete',
        metadata: { fanId: 'fan_1', creatorId: 'cr_1', tierId: 'tier_gold' },
        expand: ['latest_invoice'],
      },
    });
    expect(create?.params.trial_period_days).toBeUndefined();
    expect(create?.params.discounts).toBeUndefined();
  });

  it('starts a trial with a promo code: trialing until the trial ends, the code as a discount', async () => {
    const promo = await rail.ensurePromo({
      idempotencyKey: 'promo',
      code: 'WELCOME',
      discount: { percentOff: 50 },
      maxRedemptions: null,
      expiresAt: null,
    });
    const subscription = await rail.subscribe(await subscribeRequest({ trialDays: 7, promo }));

    expect(subscription).toMatchObject({
      status: 'trialing',
      currentPeriodEnd: new Date('2026-03-08T00:00:00.000Z'),
    });
    const [create] = standIn.requestsTo('POST', '/v1/subscriptions');
    expect(create?.params).toMatchObject({ trial_period_days: '7', discounts: [{ promotion_code: promo }] });
  });

  it('answers incomplete when the first payment is declined', async () => {
    const subscription = await rail.subscribe(
      await subscribeRequest({ paymentMethod: 'pm_card_chargeDeclined' }),
    );

    expect(subscription.status).toBe('incomplete');
  });

  it('makes one subscription when subscribing is retried with the same key', async () => {
    const request = await subscribeRequest();
    const first = await rail.subscribe(request);
    const again = await rail.subscribe(request);

    expect(again).toEqual(first);
    expect(standIn.objectsOf('subscription')).toHaveLength(1);
  });

  it('cancels at period end and takes it back, each under its own key', async () => {
    const { reference } = await rail.subscribe(await subscribeRequest());

    const canceling = await rail.setCancelAtPeriodEnd(reference, true, 'sub-1:cancel');
    expect(canceling).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    const resumed = await rail.setCancelAtPeriodEnd(reference, false, 'sub-1:resume');
    expect(resumed.cancelAtPeriodEnd).toBe(false);

    expect(
      standIn.requestsTo('POST', `/v1/subscriptions/${reference}`).map((r) => [r.params, r.idempotencyKey]),
    ).toEqual([
      [{ cancel_at_period_end: 'true' }, 'sub-1:cancel'],
      [{ cancel_at_period_end: 'false' }, 'sub-1:resume'],
    ]);
  });

  it('moves the subscription item to another price, invoicing the proration at once', async () => {
    const { reference } = await rail.subscribe(await subscribeRequest());
    const platinum = await rail.ensurePrice({
      idempotencyKey: 'price-platinum',
      tierId: 'tier_platinum',
      tierName: 'Platinum',
      interval: 'month',
      amount: usd(2499n),
    });
    const item = (standIn.object(reference)?.items as { data: { id: string }[] }).data[0]!.id;

    const moved = await rail.changePrice(reference, platinum, 'sub-1:upgrade');

    expect(moved).toMatchObject({ reference, status: 'active' });
    const [update] = standIn.requestsTo('POST', `/v1/subscriptions/${reference}`);
    expect(update).toMatchObject({
      idempotencyKey: 'sub-1:upgrade',
      params: {
        items: [{ id: item, price: platinum }],
        proration_behavior: 'always_invoice',
        payment_behavior: 'pending_if_incomplete',
      },
    });
    const items = standIn.object(reference)?.items as { data: { price: { id: string } }[] };
    expect(items.data[0]?.price.id).toBe(platinum);
  });
});

it('sends every request that creates or moves something with an idempotency key made from the caller’s', async () => {
  const cus = await customer();
  const charged = await rail.charge(chargeRequest({ customer: cus, idempotencyKey: 'flow:charge' }));
  await rail.refund({
    idempotencyKey: 'flow:refund',
    charge: charged.reference!,
    amount: usd(100n),
    metadata: {},
  });
  const held = await rail.charge(chargeRequest({ customer: cus, hold: true, idempotencyKey: 'flow:hold' }));
  await rail.capture(held.reference!, usd(1000n), 'flow:capture');
  const voided = await rail.charge(
    chargeRequest({ customer: cus, hold: true, idempotencyKey: 'flow:hold2' }),
  );
  await rail.void(voided.reference!, 'flow:void');
  await rail.payout({
    idempotencyKey: 'flow:payout',
    destination: 'acct_1',
    amount: usd(1n),
    transferGroup: 'g',
    metadata: {},
  });
  const price = await rail.ensurePrice({
    idempotencyKey: 'flow:price',
    tierId: 't',
    tierName: 'T',
    interval: 'month',
    amount: usd(500n),
  });
  const promo = await rail.ensurePromo({
    idempotencyKey: 'flow:promo',
    code: 'C',
    discount: { percentOff: 10 },
    maxRedemptions: null,
    expiresAt: null,
  });
  const sub = await rail.subscribe({
    idempotencyKey: 'flow:sub',
    customer: cus,
    paymentMethod: 'pm_card_visa',
    price,
    trialDays: 0,
    promo,
    metadata: {},
  });
  await rail.setCancelAtPeriodEnd(sub.reference, true, 'flow:cancel');
  await rail.changePrice(sub.reference, price, 'flow:change');

  const posts = standIn.requests.filter((r) => r.method === 'POST');
  expect(posts.length).toBeGreaterThanOrEqual(14);
  for (const post of posts) {
    expect(post.idempotencyKey, `${post.method} ${post.path}`).toMatch(
      /^(customer-fan_1|flow:[a-z0-9]+(:[a-z-]+)?)$/,
    );
  }
});
