import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { amount } from '@shared/domain/money';
import { UnsupportedCurrencyError } from './stripe-amounts';
import { StripeRail } from './stripe-rail';
import { parseStripeWebhook, WebhookSignatureError } from './stripe-webhooks';

// Deliveries are signed here with the SDK's own test-header helper and shaped after Stripe's documented objects for
// the API version the SDK pins; they are not deliveries from Stripe.

const SECRET = 'whsec_test_mesi';
const CREATED = Date.parse('2026-03-01T12:00:00.000Z') / 1000;
const usd = (cents: bigint) => amount('USD', cents);

function stripeEvent(type: string, object: Record<string, unknown>, id = 'evt_1'): Record<string, unknown> {
  return {
    id,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: CREATED,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** The raw body and `Stripe-Signature` header Stripe would send, signed at `signedAt` (seconds; default now). */
function delivery(event: unknown, options: { secret?: string; signedAt?: number } = {}) {
  const body = JSON.stringify(event, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? SECRET,
    ...(options.signedAt !== undefined ? { timestamp: options.signedAt } : {}),
  });
  return { body, header };
}

function parse(event: unknown) {
  const { body, header } = delivery(event);
  return parseStripeWebhook(body, header, SECRET);
}

const paymentIntent = {
  id: 'pi_1',
  object: 'payment_intent',
  amount: 1250,
  amount_received: 1250,
  currency: 'usd',
  status: 'succeeded',
  latest_charge: 'ch_1',
  last_payment_error: null,
  metadata: { purchaseId: 'pur_1' },
};

const charge = {
  id: 'ch_1',
  object: 'charge',
  amount: 1250,
  amount_captured: 1250,
  amount_refunded: 700,
  currency: 'usd',
  payment_intent: 'pi_1',
  refunded: false,
  metadata: { purchaseId: 'pur_1' },
};

const dispute = {
  id: 'dp_1',
  object: 'dispute',
  amount: 1250,
  currency: 'usd',
  charge: 'ch_1',
  payment_intent: 'pi_1',
  reason: 'fraudulent',
  status: 'needs_response',
  metadata: {},
};

const subscriptionItem = {
  id: 'si_1',
  object: 'subscription_item',
  current_period_start: Date.parse('2026-03-01T00:00:00.000Z') / 1000,
  current_period_end: Date.parse('2026-04-01T00:00:00.000Z') / 1000,
  price: { id: 'price_1', object: 'price' },
  quantity: 1,
  subscription: 'sub_1',
};

const subscription = {
  id: 'sub_1',
  object: 'subscription',
  status: 'active',
  cancel_at_period_end: true,
  customer: 'cus_1',
  items: {
    object: 'list',
    data: [subscriptionItem],
    has_more: false,
    url: '/v1/subscription_items?subscription=sub_1',
  },
  metadata: { fanId: 'fan_1', tierId: 'tier_gold' },
};

/** A renewal invoice: its own period looks back a month; the line's period is the one paid for. */
const invoice = {
  id: 'in_1',
  object: 'invoice',
  amount_due: 999,
  amount_paid: 999,
  currency: 'usd',
  status: 'paid',
  metadata: {},
  period_start: Date.parse('2026-02-01T00:00:00.000Z') / 1000,
  period_end: Date.parse('2026-03-01T00:00:00.000Z') / 1000,
  parent: {
    type: 'subscription_details',
    quote_details: null,
    subscription_details: { subscription: 'sub_1', metadata: { fanId: 'fan_1', tierId: 'tier_gold' } },
  },
  lines: {
    object: 'list',
    has_more: false,
    url: '/v1/invoices/in_1/lines',
    data: [
      {
        id: 'il_1',
        object: 'line_item',
        amount: 999,
        currency: 'usd',
        period: {
          start: Date.parse('2026-03-01T00:00:00.000Z') / 1000,
          end: Date.parse('2026-04-01T00:00:00.000Z') / 1000,
        },
        parent: {
          type: 'subscription_item_details',
          subscription_item_details: { subscription: 'sub_1', subscription_item: 'si_1', proration: false },
        },
      },
    ],
  },
  payments: {
    object: 'list',
    has_more: false,
    url: '/v1/invoice_payments',
    data: [
      {
        id: 'inpay_1',
        object: 'invoice_payment',
        status: 'paid',
        is_default: true,
        payment: { type: 'payment_intent', payment_intent: 'pi_renewal' },
      },
    ],
  },
};

const occurredAt = new Date(CREATED * 1000);

describe('parseStripeWebhook: event types', () => {
  it('reads payment_intent.succeeded as charge.succeeded with the amount received and our metadata', () => {
    expect(parse(stripeEvent('payment_intent.succeeded', paymentIntent, 'evt_ok'))).toEqual({
      id: 'evt_ok',
      occurredAt,
      type: 'charge.succeeded',
      charge: 'pi_1',
      amount: usd(1250n),
      metadata: { purchaseId: 'pur_1' },
    });
  });

  it('reads payment_intent.payment_failed as charge.failed with the card’s reason', () => {
    const failed = {
      ...paymentIntent,
      status: 'requires_payment_method',
      amount_received: 0,
      last_payment_error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
    };
    expect(parse(stripeEvent('payment_intent.payment_failed', failed))).toEqual({
      id: 'evt_1',
      occurredAt,
      type: 'charge.failed',
      charge: 'pi_1',
      reason: 'Your card was declined.',
      metadata: { purchaseId: 'pur_1' },
    });
  });

  it('reads charge.refunded with the total refunded so far, on the PaymentIntent we know the charge by', () => {
    expect(parse(stripeEvent('charge.refunded', charge))).toEqual({
      id: 'evt_1',
      occurredAt,
      type: 'charge.refunded',
      charge: 'pi_1',
      amountRefunded: usd(700n),
      metadata: { purchaseId: 'pur_1' },
    });
  });

  it('names a refunded charge by its own id when it has no PaymentIntent', () => {
    const event = parse(stripeEvent('charge.refunded', { ...charge, payment_intent: null }));
    expect(event).toMatchObject({ type: 'charge.refunded', charge: 'ch_1' });
  });

  it('reads charge.dispute.created as charge.dispute.opened, with no outcome yet', () => {
    expect(parse(stripeEvent('charge.dispute.created', dispute))).toEqual({
      id: 'evt_1',
      occurredAt,
      type: 'charge.dispute.opened',
      charge: 'pi_1',
      dispute: 'dp_1',
      amount: usd(1250n),
      outcome: null,
    });
  });

  it.each([
    ['won', 'won'],
    ['lost', 'lost'],
    ['warning_closed', 'won'],
  ] as const)('reads charge.dispute.closed with status %s as outcome %s', (status, outcome) => {
    const event = parse(stripeEvent('charge.dispute.closed', { ...dispute, status }));
    expect(event).toMatchObject({ type: 'charge.dispute.closed', dispute: 'dp_1', charge: 'pi_1', outcome });
  });

  it('reads invoice.paid: its subscription and payment where API 2025-03-31+ put them, the period paid for', () => {
    expect(parse(stripeEvent('invoice.paid', invoice))).toEqual({
      id: 'evt_1',
      occurredAt,
      type: 'invoice.paid',
      invoice: 'in_1',
      subscription: 'sub_1',
      charge: 'pi_renewal',
      amount: usd(999n),
      periodStart: new Date('2026-03-01T00:00:00.000Z'),
      periodEnd: new Date('2026-04-01T00:00:00.000Z'),
      metadata: { fanId: 'fan_1', tierId: 'tier_gold' },
    });
  });

  it('reads invoice.payment_failed with the amount due, and no charge when the event carries no payments', () => {
    const { payments: _payments, ...withoutPayments } = invoice;
    const failed = { ...withoutPayments, status: 'open', amount_paid: 0 };
    expect(parse(stripeEvent('invoice.payment_failed', failed))).toMatchObject({
      type: 'invoice.payment_failed',
      subscription: 'sub_1',
      charge: null,
      amount: usd(999n),
    });
  });

  it('ignores an invoice that belongs to no subscription', () => {
    expect(parse(stripeEvent('invoice.paid', { ...invoice, parent: null }))).toBeNull();
  });

  it('reads customer.subscription.updated with the period end from its items', () => {
    expect(parse(stripeEvent('customer.subscription.updated', subscription))).toEqual({
      id: 'evt_1',
      occurredAt,
      type: 'subscription.updated',
      subscription: {
        reference: 'sub_1',
        status: 'active',
        currentPeriodEnd: new Date('2026-04-01T00:00:00.000Z'),
        cancelAtPeriodEnd: true,
      },
      metadata: { fanId: 'fan_1', tierId: 'tier_gold' },
    });
  });

  it('reads customer.subscription.deleted as subscription.deleted', () => {
    const ended = { ...subscription, status: 'canceled', cancel_at_period_end: false };
    expect(parse(stripeEvent('customer.subscription.deleted', ended))).toMatchObject({
      type: 'subscription.deleted',
      subscription: { reference: 'sub_1', status: 'canceled' },
    });
  });

  it.each([
    ['past_due', 'past_due'],
    ['unpaid', 'past_due'],
    ['incomplete_expired', 'canceled'],
    ['trialing', 'trialing'],
  ])('reads Stripe’s subscription status %s as %s', (stripeStatus, ours) => {
    const event = parse(
      stripeEvent('customer.subscription.updated', { ...subscription, status: stripeStatus }),
    );
    expect(event).toMatchObject({ subscription: { status: ours } });
  });

  it('ignores event types the rail does not use', () => {
    expect(parse(stripeEvent('customer.created', { id: 'cus_1', object: 'customer' }))).toBeNull();
    expect(parse(stripeEvent('payment_intent.created', paymentIntent))).toBeNull();
  });

  it('refuses an event in a currency the card rail does not carry', () => {
    expect(() =>
      parse(stripeEvent('payment_intent.succeeded', { ...paymentIntent, currency: 'eur' })),
    ).toThrow(UnsupportedCurrencyError);
  });

  it('takes the raw body as a Buffer, as the webhook route receives it', () => {
    const { body, header } = delivery(stripeEvent('payment_intent.succeeded', paymentIntent));
    expect(parseStripeWebhook(Buffer.from(body), header, SECRET)).toMatchObject({ type: 'charge.succeeded' });
  });

  it('is what StripeRail.parseWebhook answers with the rail’s signing secret', () => {
    const rail = new StripeRail({ secretKey: 'sk_test_x', webhookSecret: SECRET });
    const { body, header } = delivery(stripeEvent('payment_intent.succeeded', paymentIntent));

    expect(rail.parseWebhook(body, header)).toMatchObject({ type: 'charge.succeeded', charge: 'pi_1' });
    expect(() => rail.parseWebhook(body, undefined)).toThrow(WebhookSignatureError);
  });
});

describe('parseStripeWebhook: signatures', () => {
  const event = stripeEvent('payment_intent.succeeded', paymentIntent);

  it('refuses a delivery signed with another secret', () => {
    const { body, header } = delivery(event, { secret: 'whsec_someone_else' });
    expect(() => parseStripeWebhook(body, header, SECRET)).toThrow(WebhookSignatureError);
  });

  it('refuses a body changed after it was signed', () => {
    const { body, header } = delivery(event);
    const tampered = body.replace('"amount_received": 1250', '"amount_received": 125000');
    expect(tampered).not.toBe(body);
    expect(() => parseStripeWebhook(tampered, header, SECRET)).toThrow(WebhookSignatureError);
  });

  it('refuses a delivery signed longer ago than the tolerance (a replay)', () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const { body, header } = delivery(event, { signedAt: tenMinutesAgo });
    expect(() => parseStripeWebhook(body, header, SECRET)).toThrow(/tolerance/);
  });

  it('counts the tolerance (300 seconds) from when the delivery was received', () => {
    const signedAt = Date.parse('2026-03-01T12:00:00.000Z') / 1000;
    const { body, header } = delivery(event, { signedAt });
    const at = (seconds: number) => ({ receivedAt: new Date((signedAt + seconds) * 1000) });

    expect(parseStripeWebhook(body, header, SECRET, at(299))).toMatchObject({ type: 'charge.succeeded' });
    expect(() => parseStripeWebhook(body, header, SECRET, at(301))).toThrow(WebhookSignatureError);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a signature', 'garbage'],
    ['without a v1 signature', 't=1700000000'],
  ])('refuses a delivery whose Stripe-Signature header is %s', (_case, header) => {
    const { body } = delivery(event);
    expect(() => parseStripeWebhook(body, header, SECRET)).toThrow(WebhookSignatureError);
  });

  it('says why in the error and marks it a validation error (the route answers 400)', () => {
    const { body, header } = delivery(event, { secret: 'whsec_other' });
    let caught: unknown;
    try {
      parseStripeWebhook(body, header, SECRET);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WebhookSignatureError);
    expect(caught).toMatchObject({ kind: 'validation', code: 'webhook_signature_invalid' });
    expect((caught as Error).message).toMatch(
      /^the Stripe webhook signature does not verify: No signatures found/,
    );
  });
});
