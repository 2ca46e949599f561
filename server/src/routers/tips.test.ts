import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { ledgerAccount, PLATFORM_FEES } from '@shared/domain/money/ledger';
import { sandboxPaymentMethod, type SandboxRail } from '../adapters/payments/sandbox-rail';
import { createMutation } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

const CARD_OK = sandboxPaymentMethod('4242 4242 4242 4242');
const CARD_DECLINED = sandboxPaymentMethod('4000 0000 0000 0002');
const CARD_FAILS_LATER = sandboxPaymentMethod('4000 0000 0000 0119');
const CARD_DISPUTED = sandboxPaymentMethod('4000 0000 0000 0259');

let server: TestServer;
let creator: { id: string; handle: string; client: ServerClient };
let fan: { id: string; client: ServerClient };

const rail = () => server.services.payments.rail as SandboxRail;
const balance = (account: string) => server.services.ledger.balance(server.db, account, 'USD');
const operationCount = async () =>
  Number(
    (
      await server.db
        .selectFrom('ledger_operations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const tip = (overrides: Record<string, unknown> = {}) => ({
  handle: creator.handle,
  amount: '500',
  currency: 'USD' as const,
  message: 'Loved the stream!',
  paymentMethod: CARD_OK,
  idempotencyKey: newId(),
  ...overrides,
});

beforeAll(async () => {
  server = await startTestServer();
  const c = await signUp(server, 'creator');
  creator = { id: c.account.id, handle: c.account.handle!, client: c.client };
  const f = await signUp(server, 'fan');
  fan = { id: f.account.id, client: f.client };
});
afterAll(() => server.close());

describe('tips', () => {
  it('a tip settles at once: the creator gets 90%, the platform 10%, and the tip reaches the studio feed', async () => {
    const before = {
      creator: await balance(ledgerAccount.creator(creator.id)),
      fees: await balance(PLATFORM_FEES),
    };
    const paid = await fan.client.tips.send.mutate(tip({ amount: '555' }));
    expect(paid).toMatchObject({ status: 'succeeded', amount: '555', currency: 'USD' });
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before.creator + 500n);
    expect(await balance(PLATFORM_FEES)).toBe(before.fees + 55n);
    expect(await balance(ledgerAccount.fan(fan.id, 'sandbox'))).toBeLessThanOrEqual(-555n);

    await server.services.outbox.idle();
    const pulled = await creator.client.sync.pull.query({ after: 0 });
    const changes = JSON.parse(pulled.changesJson) as {
      entity: string;
      id: string;
      data: { amount: string; fee: string };
    }[];
    expect(changes.find((c) => c.entity === 'payment' && c.id === paid.paymentId)?.data).toMatchObject({
      amount: '555',
      fee: '55',
    });
  });

  it('a retried tip (same key) pays once, also when 50 copies race', async () => {
    const key = newId();
    const operations = await operationCount();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => fan.client.tips.send.mutate(tip({ idempotencyKey: key }))),
    );
    expect(new Set(answers.map((a) => a.paymentId)).size).toBe(1);
    expect(await operationCount()).toBe(operations + 1);
    const again = await fan.client.tips.send.mutate(tip({ idempotencyKey: key }));
    expect(again).toMatchObject({ paymentId: answers[0]!.paymentId, status: 'succeeded' });
    await expect(fan.client.tips.send.mutate(tip({ idempotencyKey: key, amount: '900' }))).rejects.toThrow(
      /idempotencyKey: this payment key was used for another payment/,
    );
  });

  it('a declined card is a clear error on the card field, and moves nothing', async () => {
    const operations = await operationCount();
    const error = await fan.client.tips.send
      .mutate(tip({ paymentMethod: CARD_DECLINED }))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect(String(error)).toMatch(/paymentMethod: Your card was declined/);
    expect(await operationCount()).toBe(operations);
  });

  it('refuses bad input with a 4xx naming the field, and moves nothing', async () => {
    const operations = await operationCount();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ amount: '-500' }, /amount/],
      [{ amount: '0' }, /amount: the smallest tip is \$1\.00/],
      [{ amount: '5.50' }, /amount/],
      [{ amount: '99' }, /amount: the smallest tip is \$1\.00/],
      [{ amount: '1000001' }, /amount: a tip is at most \$10,?000\.00/],
      [{ currency: 'USDC' }, /currency/],
      [{ message: 'x'.repeat(201) }, /message: a tip message is at most 200 characters/],
      [{ message: 'line\nbreak' }, /message/],
      [{ message: 'bell\u0007' }, /message/],
      [{ paymentMethod: '4242424242424242' }, /paymentMethod/],
      [
        { paymentMethod: sandboxPaymentMethod('5555555555554444') },
        /paymentMethod: the sandbox takes only its test cards/,
      ],
      [{ idempotencyKey: 'again' }, /idempotencyKey/],
      [{ handle: 'nobody_here' }, /No creator @nobody_here/],
      [{ postId: newId() }, /No such post of this creator/],
      [{ price: '1' }, /price|Unrecognized/i],
    ];
    for (const [overrides, message] of cases) {
      const error = await fan.client.tips.send.mutate(tip(overrides) as never).catch((e: unknown) => e);
      expect(['BAD_REQUEST', 'NOT_FOUND'], JSON.stringify(overrides)).toContain(codeOf(error));
      expect(String(error), JSON.stringify(overrides)).toMatch(message);
    }
    await expect(creator.client.tips.send.mutate(tip())).rejects.toThrow(/cannot tip yourself/);
    expect(await operationCount()).toBe(operations);
  });

  it('a card the rail does not know fails the payment, and a retry with its key says so again (never pending)', async () => {
    const key = newId();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(
        fan.client.tips.send.mutate(
          tip({ idempotencyKey: key, paymentMethod: sandboxPaymentMethod('5555555555554444') }),
        ),
      ).rejects.toThrow(/paymentMethod: the sandbox takes only its test cards/);
    }
  });

  it('tips a post of the creator, not a draft', async () => {
    const mutation = createMutation('A draft');
    await creator.client.sync.push.mutate({ mutations: [mutation] });
    const draftId = mutation.entityId;
    await expect(fan.client.tips.send.mutate(tip({ postId: draftId }))).rejects.toThrow(/No such post/);
  });

  it('a card that fails after being accepted ends failed, with nothing in the ledger', async () => {
    const operations = await operationCount();
    const pending = await fan.client.tips.send.mutate(tip({ paymentMethod: CARD_FAILS_LATER }));
    expect(pending.status).toBe('pending');
    await rail().settled();
    await expect(fan.client.payments.get.query({ paymentId: pending.paymentId })).resolves.toMatchObject({
      status: 'failed',
      failure: 'The card was declined after all.',
    });
    expect(await operationCount()).toBe(operations);
    // Another fan cannot read it.
    const other = await signUp(server, 'fan');
    await expect(other.client.payments.get.query({ paymentId: pending.paymentId })).rejects.toThrow(
      /No such payment/,
    );
  });

  it("a dispute takes the creator's share and the fee back, and the tip stops counting toward the goal", async () => {
    await creator.client.tips.updateSettings.mutate({
      minimum: '100',
      presets: ['300', '500'],
      goal: { title: 'New camera', amount: '100000' },
    });
    await fan.client.tips.send.mutate(tip({ amount: '1000' }));
    const before = {
      creator: await balance(ledgerAccount.creator(creator.id)),
      fees: await balance(PLATFORM_FEES),
    };
    const disputed = await fan.client.tips.send.mutate(tip({ amount: '2000', paymentMethod: CARD_DISPUTED }));
    expect(disputed.status).toBe('succeeded');
    await rail().settled();
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before.creator);
    expect(await balance(PLATFORM_FEES)).toBe(before.fees);
    const settings = await server.client().tips.settings.query({ handle: creator.handle });
    expect(settings.goal).toEqual({ title: 'New camera', amount: '100000', raised: '1000' });

    // The card network decides for the creator: their share and the fee come back.
    const payment = await server.db
      .selectFrom('payments')
      .select(['rail_charge', 'details'])
      .where('id', '=', disputed.paymentId)
      .executeTakeFirstOrThrow();
    rail().closeDispute(payment.rail_charge!, (payment.details as { dispute: string }).dispute, 'won');
    await rail().settled();
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before.creator + 1800n);
    expect(await server.services.ledger.audit(server.db)).toMatchObject({ balanced: true });
    // The studio's copy follows: opened (disputed, earns nothing), then won (earns again).
    await server.services.outbox.idle();
    const pulled = await creator.client.sync.pull.query({ after: 0, limit: 1000 });
    const states = (JSON.parse(pulled.changesJson) as { id: string; data: { status: string } }[])
      .filter((c) => c.id === disputed.paymentId)
      .map((c) => c.data.status);
    expect(states).toEqual(['succeeded', 'disputed', 'succeeded']);
  });

  it('refunds in part and then in full return the fee in proportion, never more than was paid', async () => {
    const paid = await fan.client.tips.send.mutate(tip({ amount: '1001' }));
    const before = {
      creator: await balance(ledgerAccount.creator(creator.id)),
      fees: await balance(PLATFORM_FEES),
    };
    const payments = server.services.payments;
    await payments.refund(paid.paymentId, { currency: 'USD', minor: 333n }, 'first');
    await payments.refund(paid.paymentId, { currency: 'USD', minor: 333n }, 'first'); // a retry
    await payments.refund(paid.paymentId, { currency: 'USD', minor: 668n }, 'rest');
    await expect(payments.refund(paid.paymentId, { currency: 'USD', minor: 1n }, 'more')).rejects.toThrow(
      /at most \$0\.00/,
    );
    expect(await balance(PLATFORM_FEES)).toBe(before.fees - 100n);
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before.creator - 901n);
    expect(await server.services.ledger.audit(server.db)).toMatchObject({ balanced: true });
  });

  it('the creator refunds through the API, once per key, never more than is left; another creator cannot', async () => {
    const paid = await fan.client.tips.send.mutate(tip({ amount: '800' }));
    const other = await signUp(server, 'creator');
    const key = newId();
    await expect(
      other.client.payments.refund.mutate({ paymentId: paid.paymentId, amount: '100', idempotencyKey: key }),
    ).rejects.toThrow(/No such payment to this creator/);
    const before = await balance(ledgerAccount.creator(creator.id));
    const refund = { paymentId: paid.paymentId, amount: '300', idempotencyKey: key };
    await creator.client.payments.refund.mutate(refund);
    await creator.client.payments.refund.mutate(refund); // a retry
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before - 270n);
    await expect(
      creator.client.payments.refund.mutate({ ...refund, amount: '501', idempotencyKey: newId() }),
    ).rejects.toThrow(/amount: refund must be more than zero and at most \$5\.00/);
    await expect(
      creator.client.payments.refund.mutate({ ...refund, amount: '-1', idempotencyKey: newId() }),
    ).rejects.toThrow(/amount/);
  });

  it('1,000 tips from 100 fans at once leave exact totals and a balanced ledger', async () => {
    const before = {
      creator: await balance(ledgerAccount.creator(creator.id)),
      fees: await balance(PLATFORM_FEES),
    };
    const fans = Array.from({ length: 100 }, (_, i) => ({ id: newId(), email: `crowd${i}@example.test` }));
    const queue = Array.from({ length: 1000 }, (_, i) => ({
      fan: fans[i % 100]!,
      cents: 100n + BigInt(i % 9) * 37n,
    }));
    const work = [...queue];
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let next = work.shift(); next; next = work.shift()) {
          await server.services.tips.send({ ...next.fan, handle: null, displayName: 'Fan', role: 'fan' }, {
            ...tip({ amount: next.cents.toString() }),
            postId: null,
          } as never);
        }
      }),
    );
    const total = queue.reduce((s, t) => s + t.cents, 0n);
    const fees = queue.reduce((s, t) => s + (t.cents * 1000n) / 10000n, 0n);
    expect(await balance(PLATFORM_FEES)).toBe(before.fees + fees);
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before.creator + total - fees);
    const audit = await server.services.ledger.audit(server.db);
    expect(audit).toMatchObject({ balanced: true, emptyOperations: 0, negative: [] });
  });
});
