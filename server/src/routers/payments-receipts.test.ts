import { TRPCClientError } from '@trpc/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { sandboxPaymentMethod, type SandboxRail } from '../adapters/payments/sandbox-rail';
import { draft } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

const CARD_OK = sandboxPaymentMethod('4242424242424242');
const CARD_DECLINED = sandboxPaymentMethod('4000000000000002');
const CARD_DISPUTED = sandboxPaymentMethod('4000000000000259');

let server: TestServer;
let creator: { id: string; handle: string; displayName: string; client: ServerClient };
let goldTierId: string;
let platinumTierId: string;
let pricedPostId: string;
let openPostId: string;

const rail = () => server.services.payments.rail as SandboxRail;

async function newFan() {
  const f = await signUp(server, 'fan');
  return { id: f.account.id, client: f.client };
}
type Fan = Awaited<ReturnType<typeof newFan>>;

const tip = (fan: Fan, extra: Record<string, unknown> = {}) =>
  fan.client.tips.send.mutate({
    handle: creator.handle,
    amount: '500',
    currency: 'USD',
    message: 'Thanks for the glazes',
    paymentMethod: CARD_OK,
    idempotencyKey: newId(),
    ...extra,
  });

const buy = (fan: Fan, paymentMethod = CARD_OK) =>
  fan.client.purchases.buy.mutate({ postId: pricedPostId, paymentMethod, idempotencyKey: newId() });

const subscribe = (fan: Fan, tierId = goldTierId) =>
  fan.client.subscriptions.subscribe.mutate({
    handle: creator.handle,
    tierId,
    interval: 'month',
    paymentMethod: CARD_OK,
    idempotencyKey: newId(),
  });

const refund = (paymentId: string, amount: string) =>
  creator.client.payments.refund.mutate({ paymentId, amount, idempotencyKey: newId() });

/** How a call was refused: its tRPC code, HTTP status and message. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw new Error(`expected a refusal, got ${String(error)}`);
  const data = error.data as { code?: string; httpStatus?: number };
  return { code: data.code, status: data.httpStatus, message: error.message };
}

/** Every receipt of the fan's, page by page. */
async function allPages(fan: Fan, limit: number) {
  const pages = [];
  let cursor: string | null = null;
  do {
    const page = await fan.client.payments.mine.query({ cursor, limit });
    pages.push(page.receipts.map((r) => r.paymentId));
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

beforeAll(async () => {
  server = await startTestServer();
  const c = await signUp(server, 'creator');
  creator = {
    id: c.account.id,
    handle: c.account.handle!,
    displayName: c.account.displayName,
    client: c.client,
  };
  goldTierId = (
    await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Gold', rank: 1, monthlyPrice: '1000' },
    })
  ).id;
  platinumTierId = (
    await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Platinum', rank: 2, monthlyPrice: '3000' },
    })
  ).id;
  pricedPostId = newId();
  await creator.client.posts.create.mutate({
    id: pricedPostId,
    draft: {
      ...draft('Raku secrets', { kind: 'purchased', itemId: pricedPostId }, 'The whole of the secret.'),
      price: { currency: 'USD', minor: '700' },
    },
  });
  await creator.client.posts.publish.mutate({ id: pricedPostId });
  openPostId = (await creator.client.posts.create.mutate({ draft: draft('Spring firing') })).id;
  await creator.client.posts.publish.mutate({ id: openPostId });
});
afterAll(() => server.close());

describe("a fan's receipts", () => {
  it('lists a tip, a pay-per-view purchase and a subscription, newest first, each naming the creator and what it paid for', async () => {
    const fan = await newFan();
    const tipped = await tip(fan, { postId: openPostId, message: '<b>Bravo</b>' });
    const bought = await buy(fan);
    await subscribe(fan);

    const { receipts, nextCursor } = await fan.client.payments.mine.query();
    expect(nextCursor).toBeNull();
    expect(receipts.map((r) => r.purchase.kind)).toEqual(['subscription', 'ppv', 'tip']);
    const creatorNamed = { id: creator.id, handle: creator.handle, displayName: creator.displayName };
    const [subscription, ppv, tipReceipt] = receipts;
    expect(tipReceipt).toMatchObject({
      paymentId: tipped.paymentId,
      creator: creatorNamed,
      // The fan's words as they wrote them: the page shows them as text.
      purchase: { kind: 'tip', message: '<b>Bravo</b>', post: { id: openPostId, title: 'Spring firing' } },
      currency: 'USD',
      amount: '500',
      refunded: '0',
      status: 'paid',
      failure: null,
      rail: 'sandbox',
      railReference: expect.stringMatching(/\S/),
    });
    expect(ppv).toMatchObject({
      paymentId: bought.paymentId,
      creator: creatorNamed,
      purchase: { kind: 'ppv', post: { id: pricedPostId, title: 'Raku secrets' } },
      amount: '700',
      status: 'paid',
    });
    // Never the body of what was bought: a receipt outlives the purchase (a refund, a dispute).
    expect(JSON.stringify(ppv)).not.toContain('The whole of the secret');
    expect(subscription).toMatchObject({
      creator: creatorNamed,
      purchase: { kind: 'subscription', charge: 'period', tierName: 'Gold', interval: 'month' },
      amount: '1000',
      status: 'paid',
    });
    const period = subscription!.purchase as { periodStart: string; periodEnd: string };
    expect(new Date(period.periodEnd).getTime()).toBeGreaterThan(new Date(period.periodStart).getTime());
    for (const receipt of receipts) {
      expect(new Date(receipt.settledAt!).getTime()).toBeGreaterThanOrEqual(
        new Date(receipt.createdAt).getTime() - 1,
      );
    }
  });

  it('names the tier an upgrade paid for, and says a declined payment failed and why', async () => {
    const fan = await newFan();
    const subscribed = await subscribe(fan);
    await fan.client.subscriptions.changeTier.mutate({
      subscriptionId: subscribed.id,
      tierId: platinumTierId,
      idempotencyKey: newId(),
    });
    await expect(tip(fan, { paymentMethod: CARD_DECLINED })).rejects.toThrow('Your card was declined.');

    const { receipts } = await fan.client.payments.mine.query();
    expect(receipts[0]).toMatchObject({
      purchase: { kind: 'tip', post: null },
      status: 'failed',
      failure: 'Your card was declined.',
      settledAt: null,
    });
    expect(receipts[1]).toMatchObject({
      purchase: { kind: 'subscription', charge: 'upgrade', tierName: 'Platinum', periodStart: null },
      status: 'paid',
    });
  });

  it('shows a part refund as such, with the refunded amount, and the receipt lists the charge and each refund with its date', async () => {
    const fan = await newFan();
    const paid = await tip(fan, { amount: '1000' });
    await refund(paid.paymentId, '250');
    await refund(paid.paymentId, '150');

    const [listed] = (await fan.client.payments.mine.query()).receipts;
    expect(listed).toMatchObject({ status: 'partially_refunded', amount: '1000', refunded: '400' });

    const receipt = await fan.client.payments.receipt.query({ paymentId: paid.paymentId });
    expect(receipt).toMatchObject({
      paymentId: paid.paymentId,
      status: 'partially_refunded',
      refunded: '400',
    });
    expect(receipt.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['charge', '1000'],
      ['refund', '250'],
      ['refund', '150'],
    ]);
    for (const line of receipt.lines) expect(Number.isNaN(new Date(line.at).getTime())).toBe(false);

    await refund(paid.paymentId, '600');
    const after = await fan.client.payments.receipt.query({ paymentId: paid.paymentId });
    expect(after).toMatchObject({ status: 'refunded', refunded: '1000' });
    expect(after.lines.at(-1)).toMatchObject({ kind: 'refund', amount: '600' });
  });

  it('shows a disputed payment as disputed, with the dispute and its end on the receipt', async () => {
    const fan = await newFan();
    const paid = await buy(fan, CARD_DISPUTED);
    await rail().settled(); // the dispute arrives

    const [listed] = (await fan.client.payments.mine.query()).receipts;
    expect(listed).toMatchObject({ paymentId: paid.paymentId, status: 'disputed', refunded: '0' });
    const opened = await fan.client.payments.receipt.query({ paymentId: paid.paymentId });
    expect(opened.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['charge', '700'],
      ['dispute_opened', '700'],
    ]);

    const stored = await server.db
      .selectFrom('payments')
      .select(['rail_charge', 'details'])
      .where('id', '=', paid.paymentId)
      .executeTakeFirstOrThrow();
    rail().closeDispute(stored.rail_charge!, stored.details.dispute as string, 'lost');
    await rail().settled();
    const closed = await fan.client.payments.receipt.query({ paymentId: paid.paymentId });
    expect(closed.status).toBe('disputed');
    expect(closed.lines.at(-1)).toMatchObject({ kind: 'dispute_lost', amount: '700' });
  });
});

describe('paging through receipts', () => {
  it('gives each payment exactly once across pages, newest first, even when they share a timestamp', async () => {
    const fan = await newFan();
    const paid: string[] = [];
    for (let i = 0; i < 7; i++) paid.push((await tip(fan, { amount: String(100 + i) })).paymentId);
    await sql`UPDATE payments SET created_at = '2030-01-02T03:04:05.123456Z' WHERE fan_id = ${fan.id}`.execute(
      server.db,
    );

    const pages = await allPages(fan, 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    // Same instant: the id decides the order, so no page repeats or skips one.
    expect(pages.flat()).toEqual([...paid].sort().reverse());
  });

  it('keeps payments apart that differ by microseconds (a Date would see one instant)', async () => {
    const fan = await newFan();
    const paid: string[] = [];
    for (let i = 0; i < 5; i++) paid.push((await tip(fan, { amount: String(100 + i) })).paymentId);
    // The n-th payment n microseconds after the same millisecond, in the order they were made.
    for (const [n, id] of paid.entries()) {
      await sql`UPDATE payments SET created_at = '2030-01-02T03:04:05.123Z'::timestamptz + ${`${n} microseconds`}::interval
        WHERE id = ${id}`.execute(server.db);
    }
    const pages = await allPages(fan, 2);
    expect(pages.flat()).toEqual([...paid].reverse());
  });

  it('an empty list for a fan who paid nothing, and for a creator who was paid (acting for them adds nothing)', async () => {
    const fan = await newFan();
    expect(await fan.client.payments.mine.query({ limit: 50 })).toEqual({ receipts: [], nextCursor: null });
    // The creator was paid by many fans above: none of that is theirs to see here, whoever they act for.
    const asCreator = { limit: 50, creatorId: creator.id } as { limit: number };
    expect(await creator.client.payments.mine.query(asCreator)).toEqual({ receipts: [], nextCursor: null });
  });
});

describe('who sees a receipt', () => {
  it("another fan's payment is not found, exactly as a payment that does not exist", async () => {
    const owner = await newFan();
    const paid = await tip(owner);
    const other = await newFan();
    const theirs = await refusal(other.client.payments.receipt.query({ paymentId: paid.paymentId }));
    const missing = await refusal(other.client.payments.receipt.query({ paymentId: newId() }));
    expect(theirs).toEqual({ code: 'NOT_FOUND', status: 404, message: 'No such payment of yours' });
    expect(missing).toEqual(theirs);
    expect((await other.client.payments.mine.query()).receipts).toEqual([]);
    // Nor does the creator it was paid to see it as a receipt.
    expect((await refusal(creator.client.payments.receipt.query({ paymentId: paid.paymentId }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('asks an anonymous caller to sign in', async () => {
    const anonymous = server.client();
    expect(codeOf(await anonymous.payments.mine.query().catch((e: unknown) => e))).toBe('UNAUTHORIZED');
    expect(
      codeOf(await anonymous.payments.receipt.query({ paymentId: newId() }).catch((e: unknown) => e)),
    ).toBe('UNAUTHORIZED');
  });
});

describe('malformed input', () => {
  const validId = '0190a5c2-7c1e-7000-8000-000000000000';
  it.each([
    ['a cursor that is not one', { cursor: 'yesterday' }, 'cursor'],
    ['a cursor of a day that does not exist', { cursor: `2025-02-31T00:00:00.000000Z~${validId}` }, 'cursor'],
    ['a cursor without its id', { cursor: '2025-02-01T00:00:00.000000Z~' }, 'cursor'],
    ['a cursor with a year past 9999', { cursor: `+275760-09-13T00:00:00.000Z~${validId}` }, 'cursor'],
    ['a very long cursor', { cursor: 'x'.repeat(101) }, 'cursor'],
    ['a limit of 0', { limit: 0 }, 'limit'],
    ['a limit of 1000', { limit: 1000 }, 'limit'],
    ['a limit that is not whole', { limit: 2.5 }, 'limit'],
  ])('refuses %s with a 400 naming the field', async (_what, input, field) => {
    const fan = await newFan();
    const refused = await refusal(fan.client.payments.mine.query(input as { limit?: number }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    expect(refused.message).toMatch(new RegExp(`^${field}: `));
  });

  it('refuses a payment id that is not a UUID with a 400 naming the field', async () => {
    const fan = await newFan();
    const refused = await refusal(fan.client.payments.receipt.query({ paymentId: 'nope' }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    expect(refused.message).toBe('paymentId: paymentId must be a payment id (a UUID)');
  });
});
