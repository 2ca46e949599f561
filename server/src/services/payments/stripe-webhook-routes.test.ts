import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { ledgerAccount, PLATFORM_FEES } from '@shared/domain/money/ledger';
import { StripeRail } from '../../adapters/payments/stripe';
import { StripeStandIn } from '../../adapters/payments/stripe/stripe-stand-in';
import { signUp, startTestServer, type ServerClient, type TestServer } from '../../test/test-server';

// The Stripe rail against the local stand-in of Stripe's API, and deliveries signed with the SDK's own test
// helper: what Stripe would post, not posts from Stripe (it cannot be reached from here).
const WEBHOOK_SECRET = 'whsec_test_webhooks';

let standIn: StripeStandIn;
let server: TestServer;
let creator: { id: string; handle: string };
let fan: { id: string; client: ServerClient };

beforeAll(async () => {
  standIn = await StripeStandIn.start();
  server = await startTestServer({
    paymentRail: new StripeRail({
      secretKey: 'sk_test_mesi',
      webhookSecret: WEBHOOK_SECRET,
      stripeOptions: standIn.stripeOptions,
    }),
  });
  const c = await signUp(server, 'creator');
  creator = { id: c.account.id, handle: c.account.handle! };
  const f = await signUp(server, 'fan');
  fan = { id: f.account.id, client: f.client };
});
afterAll(async () => {
  await server.close();
  await standIn.close();
});

const balance = (account: string) => server.services.ledger.balance(server.db, account, 'USD');
const operations = async () =>
  (await server.db.selectFrom('ledger_operations').select(['kind', 'payment_id']).execute()).length;

function event(type: string, object: Record<string, unknown>, id = `evt_${newId()}`) {
  return {
    id,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

function post(body: string, signature?: string) {
  return fetch(`${server.url}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
    body,
  });
}

function deliver(e: unknown) {
  const body = JSON.stringify(e);
  return post(body, Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }));
}

const tip = (paymentMethod: string, amount = '1000') =>
  fan.client.tips.send.mutate({
    handle: creator.handle,
    amount,
    currency: 'USD',
    message: '',
    paymentMethod,
    idempotencyKey: newId(),
  });

async function chargeOf(paymentId: string): Promise<string> {
  const row = await server.db
    .selectFrom('payments')
    .select('rail_charge')
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  return row.rail_charge!;
}

describe('POST /webhooks/stripe', () => {
  it('a tip through the Stripe rail settles from the PaymentIntent, with our payment id in its metadata', async () => {
    const paid = await tip('pm_card_visa');
    expect(paid.status).toBe('succeeded');
    const [intent] = standIn.requestsTo('POST', '/v1/payment_intents');
    expect(intent?.params).toMatchObject({
      amount: '1000',
      currency: 'usd',
      metadata: { paymentId: paid.paymentId },
    });
    expect(intent?.idempotencyKey).toContain(paid.paymentId);
  });

  it('refuses a missing, wrong or tampered signature with 400, changing nothing', async () => {
    const before = await operations();
    const body = JSON.stringify(event('payment_intent.succeeded', { id: 'pi_x', object: 'payment_intent' }));
    expect((await post(body)).status).toBe(400);
    expect((await post(body, 't=1,v1=deadbeef')).status).toBe(400);
    const signed = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_other' });
    expect((await post(body, signed)).status).toBe(400);
    const good = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
    expect((await post(body.replace('pi_x', 'pi_y'), good)).status).toBe(400);
    expect(await operations()).toBe(before);
  });

  it('each event delivered 3 times and out of order reaches one state: settled once, refunded to the last total', async () => {
    standIn.definePaymentMethod('pm_card_slow', { kind: 'processing' });
    const pending = await tip('pm_card_slow', '1000');
    expect(pending.status).toBe('pending');
    const intent = await chargeOf(pending.paymentId);
    const before = {
      creator: await balance(ledgerAccount.creator(creator.id)),
      fees: await balance(PLATFORM_FEES),
    };

    const succeeded = event('payment_intent.succeeded', {
      id: intent,
      object: 'payment_intent',
      amount: 1000,
      amount_received: 1000,
      currency: 'usd',
      status: 'succeeded',
      latest_charge: 'ch_slow',
      last_payment_error: null,
      metadata: { paymentId: pending.paymentId },
    });
    const refund = (total: number) =>
      event('charge.refunded', {
        id: 'ch_slow',
        object: 'charge',
        amount: 1000,
        amount_refunded: total,
        currency: 'usd',
        payment_intent: intent,
        refunded: total === 1000,
        metadata: {},
      });
    const firstRefund = refund(300);
    const secondRefund = refund(500);
    // The refunds arrive before the charge's success, and the later refund before the earlier one.
    const deliveries = [
      secondRefund,
      firstRefund,
      succeeded,
      secondRefund,
      succeeded,
      firstRefund,
      firstRefund,
      succeeded,
      secondRefund,
    ];
    for (const e of deliveries) expect((await deliver(e)).status).toBe(200);

    await expect(fan.client.payments.get.query({ paymentId: pending.paymentId })).resolves.toMatchObject({
      status: 'succeeded',
    });
    const kinds = await server.db
      .selectFrom('ledger_operations')
      .select('kind')
      .where('payment_id', '=', pending.paymentId)
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['payment.refunded', 'payment.settled']);
    // 1000 paid, 500 refunded: the creator keeps 450, the platform 50.
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before.creator + 450n);
    expect(await balance(PLATFORM_FEES)).toBe(before.fees + 50n);
    expect(await server.services.ledger.audit(server.db)).toMatchObject({ balanced: true });
  });

  it('answers 200 and does nothing for event types it does not use, and for charges that are not ours', async () => {
    const before = await operations();
    expect((await deliver(event('customer.created', { id: 'cus_1', object: 'customer' }))).status).toBe(200);
    const foreign = event('payment_intent.succeeded', {
      id: 'pi_elsewhere',
      object: 'payment_intent',
      amount: 500,
      amount_received: 500,
      currency: 'usd',
      status: 'succeeded',
      latest_charge: 'ch_elsewhere',
      last_payment_error: null,
      metadata: {},
    });
    expect((await deliver(foreign)).status).toBe(200);
    expect(await operations()).toBe(before);
  });

  it('answers 503 for an event of one of our payments that it cannot apply yet, so Stripe delivers it again', async () => {
    const unknown = event('payment_intent.succeeded', {
      id: 'pi_not_yet',
      object: 'payment_intent',
      amount: 500,
      amount_received: 500,
      currency: 'usd',
      status: 'succeeded',
      latest_charge: 'ch_nope',
      last_payment_error: null,
      metadata: { paymentId: newId() },
    });
    expect((await deliver(unknown)).status).toBe(503);
  });
});
