import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { summarizeEarnings } from '@shared/domain/money/earnings';
import { ledgerAccount } from '@shared/domain/money/ledger';
import { paymentSnapshotSchema } from '@shared/domain/money/payment-kind';
import { purchaseSummary } from '../../web/src/receipts/receipt-text';
import { sandboxPaymentMethod, type SandboxRail } from '../adapters/payments/sandbox-rail';
import { InProcessPubSub } from '../adapters/pubsub';
import {
  CARD_OK,
  person,
  streamDraft,
  ticketedDraft,
  type Person,
} from '../services/live/streams/test/live-fixtures';
import { streamsWithRelay } from '../services/live/streams/test/streams-with-relay';
import { codeOf, startTestServer, type TestServer } from '../test/test-server';

const clock = new ManualClock('2026-12-01T12:00:00.000Z');
const pubsub = new InProcessPubSub();
let server: TestServer;
let owner: Person;
let part: ReturnType<typeof streamsWithRelay>;

beforeAll(async () => {
  server = await startTestServer({ clock, pubsub });
  owner = await person(server, 'creator');
  part = streamsWithRelay(server, pubsub, clock);
});
afterAll(() => server.close());

const CARD_DISPUTED = sandboxPaymentMethod('4000000000000259');

const paymentsFor = (fanId: string, streamId: string) =>
  server.db
    .selectFrom('payments')
    .select(['id', 'amount', 'status'])
    .where('fan_id', '=', fanId)
    .where('item_id', '=', streamId)
    .execute();

const purchaseOf = (fanId: string, streamId: string) =>
  server.db
    .selectFrom('purchases')
    .select(['payment_id', 'creator_id', 'revoked_at'])
    .where('fan_id', '=', fanId)
    .where('item_id', '=', streamId)
    .executeTakeFirst();

const operationCount = async () =>
  Number(
    (
      await server.db
        .selectFrom('ledger_operations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function ticketedStream(cents = '500', title = 'Kiln opening') {
  const id = newId();
  await owner.client.live.create.mutate({ id, draft: { ...ticketedDraft(id, cents), title } });
  return id;
}

const buy = (fan: Person, streamId: string, idempotencyKey = newId(), paymentMethod = CARD_OK) =>
  fan.client.live.buyTicket.mutate({ streamId, paymentMethod, idempotencyKey });

const watchAccess = async (fan: Person, streamId: string) =>
  (await fan.client.live.watch.query({ streamId })).access;

/** The payment as the creator's studio receives it through its feed (the `payment` kind). */
async function snapshotInFeed(paymentId: string) {
  await server.services.outbox.idle();
  const pulled = await owner.client.sync.pull.query({ after: 0, limit: 1000 });
  const changes = JSON.parse(pulled.changesJson) as { entity: string; id: string; data: unknown }[];
  const change = changes.findLast((c) => c.entity === 'payment' && c.id === paymentId);
  return change && paymentSnapshotSchema.parse(change.data);
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error) => [codeOf(error), error.message],
  );

describe('tickets to a stream', () => {
  it('refuses a fan without a ticket, then lets them watch once they bought one (sandbox rail)', async () => {
    const id = await ticketedStream('750');
    const fan = await person(server, 'fan');
    await expect(fan.client.live.watch.query({ streamId: id })).resolves.toMatchObject({
      access: 'locked',
      unlock: { ticket: { currency: 'USD', amount: '750' } },
    });
    const creatorBefore = await server.services.ledger.balance(
      server.db,
      ledgerAccount.creator(owner.id),
      'USD',
    );

    const ticket = await buy(fan, id);
    expect(ticket).toMatchObject({
      streamId: id,
      status: 'succeeded',
      amount: '750',
      currency: 'USD',
      owned: true,
    });
    await expect(fan.client.live.watch.query({ streamId: id })).resolves.toMatchObject({ access: 'open' });
    await expect(server.services.live.streams.access.requireWatcher(fan.id, id)).resolves.toMatchObject({
      id,
    });
    const creatorAfter = await server.services.ledger.balance(
      server.db,
      ledgerAccount.creator(owner.id),
      'USD',
    );
    expect(creatorAfter - creatorBefore).toBe(675n); // 750 less the platform's 10%
  });

  it('is a payment of its own source, whose settlement writes the purchase; the receipt names the stream and the creator’s earnings count it under tickets', async () => {
    const id = await ticketedStream('750', 'Raku night, live');
    const fan = await person(server, 'fan');
    const ticket = await buy(fan, id);

    const [payment] = await server.db
      .selectFrom('payments')
      .select(['id', 'source', 'item_id', 'creator_id', 'status'])
      .where('fan_id', '=', fan.id)
      .execute();
    expect(payment).toEqual({
      id: ticket.paymentId,
      source: 'ticket',
      item_id: id,
      creator_id: owner.id,
      status: 'succeeded',
    });
    expect(await purchaseOf(fan.id, id)).toEqual({
      payment_id: ticket.paymentId,
      creator_id: owner.id,
      revoked_at: null,
    });
    await expect(fan.client.purchases.mine.query()).resolves.toEqual([]); // a post's receipts, not a stream's

    const receipt = await fan.client.payments.receipt.query({ paymentId: ticket.paymentId });
    expect(receipt).toMatchObject({
      purchase: { kind: 'ticket', stream: { id, title: 'Raku night, live' } },
      amount: '750',
      status: 'paid',
      lines: [{ kind: 'charge', amount: '750' }],
    });
    expect(purchaseSummary(receipt.purchase)).toBe('Ticket: Raku night, live');
    const mine = await fan.client.payments.mine.query({});
    expect(mine.receipts.map((r) => [r.paymentId, purchaseSummary(r.purchase)])).toEqual([
      [ticket.paymentId, 'Ticket: Raku night, live'],
    ]);

    const snapshot = await snapshotInFeed(ticket.paymentId);
    expect(snapshot).toMatchObject({ source: 'ticket', itemId: id, amount: '750', fee: '75' });
    expect(summarizeEarnings([snapshot!], {}).totals).toEqual([
      {
        currency: 'USD',
        net: '675',
        bySource: { subscription: '0', ppv: '0', ticket: '675', tip: '0' },
        earning: 1,
      },
    ]);
  });

  it('a full refund takes the ticket back (watching is refused again), a part refund does not; the fan may buy again', async () => {
    const id = await ticketedStream('1000');
    const fan = await person(server, 'fan');
    const paid = await buy(fan, id);
    const payments = server.services.payments;

    await payments.refund(paid.paymentId, { currency: 'USD', minor: 400n }, 'part');
    expect(await watchAccess(fan, id)).toBe('open');
    // Still the fan's ticket: buying again charges nothing.
    expect(await buy(fan, id)).toMatchObject({ paymentId: paid.paymentId, owned: true });

    await payments.refund(paid.paymentId, { currency: 'USD', minor: 600n }, 'rest');
    expect(await watchAccess(fan, id)).toBe('locked');
    expect((await purchaseOf(fan.id, id))?.revoked_at).toBeInstanceOf(Date);
    await expect(server.services.live.streams.access.requireWatcher(fan.id, id)).rejects.toThrow();
    const refunded = await fan.client.payments.receipt.query({ paymentId: paid.paymentId });
    expect(refunded).toMatchObject({ status: 'refunded', purchase: { kind: 'ticket' } });
    expect((await snapshotInFeed(paid.paymentId))?.refunded).toBe('1000');

    const again = await buy(fan, id);
    expect(again).toMatchObject({ owned: true, status: 'succeeded' });
    expect(again.paymentId).not.toBe(paid.paymentId);
    expect(await watchAccess(fan, id)).toBe('open');
    // The first payment's late refund event changes nothing of the ticket the second one bought.
    await payments.applyRefundedTotal(paid.paymentId, { currency: 'USD', minor: 1000n });
    expect(await watchAccess(fan, id)).toBe('open');
    expect(await server.services.ledger.audit(server.db)).toMatchObject({ balanced: true });
  });

  it('a dispute takes the ticket back', async () => {
    const id = await ticketedStream();
    const fan = await person(server, 'fan');
    await buy(fan, id, newId(), CARD_DISPUTED);
    await (server.services.payments.rail as SandboxRail).settled(); // the dispute arrives
    expect(await watchAccess(fan, id)).toBe('locked');
    const [payment] = await paymentsFor(fan.id, id);
    expect(payment?.status).toBe('disputed');
  });

  it('keeps one live payment when one fan’s buys race, with one key or with many', async () => {
    const id = await ticketedStream();
    const fan = await person(server, 'fan');
    const operations = await operationCount();
    const key = newId();
    const sameKey = await Promise.all(Array.from({ length: 20 }, () => buy(fan, id, key)));
    expect(new Set(sameKey.map((t) => t.paymentId)).size).toBe(1);
    expect(await operationCount()).toBe(operations + 1);

    const other = await person(server, 'fan');
    const manyKeys = await Promise.all(Array.from({ length: 20 }, () => buy(other, id)));
    expect(new Set(manyKeys.map((t) => t.paymentId)).size).toBe(1);
    expect(await paymentsFor(other.id, id)).toEqual([
      { id: manyKeys[0]!.paymentId, amount: '500', status: 'succeeded' },
    ]);
    expect(await operationCount()).toBe(operations + 2);
    expect(await watchAccess(other, id)).toBe('open');
  });

  it('charges once for a retried buy with the same key, and once for a second buy with another key', async () => {
    const id = await ticketedStream();
    const fan = await person(server, 'fan');
    const key = newId();
    const [first, retried] = await Promise.all([buy(fan, id, key), buy(fan, id, key)]);
    expect(retried.paymentId).toBe(first.paymentId);
    const again = await buy(fan, id);
    expect(again.paymentId).toBe(first.paymentId);
    expect(await paymentsFor(fan.id, id)).toEqual([
      { id: first.paymentId, amount: '500', status: 'succeeded' },
    ]);
  });

  it('is refused for a stream selling no tickets, one the fan can watch already, an ended one and one’s own', async () => {
    const fan = await person(server, 'fan');
    const free = await owner.client.live.create.mutate({ draft: streamDraft() });
    expect(await failure(buy(fan, free.id))).toEqual([
      'BAD_REQUEST',
      'streamId: This stream sells no tickets',
    ]);
    const followers = await owner.client.live.create.mutate({
      draft: streamDraft({ accessRule: { kind: 'follower' } }),
    });
    expect(await failure(buy(fan, followers.id))).toEqual([
      'BAD_REQUEST',
      'streamId: This stream sells no tickets',
    ]);

    const orFollowers = newId();
    await owner.client.live.create.mutate({
      id: orFollowers,
      draft: ticketedDraft(orFollowers, '500', { kind: 'follower' }),
    });
    await fan.client.creators.follow.mutate({ handle: owner.handle! });
    expect(await failure(buy(fan, orFollowers))).toEqual([
      'BAD_REQUEST',
      'streamId: You can already watch this stream; it needs no ticket',
    ]);

    const ended = await ticketedStream();
    part.streams.relayEvents.publishStarted(ended);
    await part.streams.lifecycle.idle();
    await owner.client.live.end.mutate({ id: ended });
    expect(await failure(buy(fan, ended))).toEqual([
      'PRECONDITION_FAILED',
      'This stream has ended; its tickets are no longer sold',
    ]);

    const own = await ticketedStream();
    expect(await failure(buy(owner, own))).toEqual([
      'BAD_REQUEST',
      'streamId: You cannot buy a ticket to your own stream',
    ]);
    expect(await failure(buy(fan, newId()))).toEqual(['NOT_FOUND', 'No such stream']);
    for (const streamId of [free.id, followers.id, orFollowers, ended, own]) {
      expect(await paymentsFor(fan.id, streamId)).toEqual([]);
    }
    expect(await paymentsFor(owner.id, own)).toEqual([]);
  });

  it('refuses a declined card without opening the stream; a good card then sells the ticket', async () => {
    const id = await ticketedStream();
    const fan = await person(server, 'fan');
    await expect(
      fan.client.live.buyTicket.mutate({
        streamId: id,
        paymentMethod: sandboxPaymentMethod('4000000000000002'),
        idempotencyKey: newId(),
      }),
    ).rejects.toThrow(/paymentMethod: Your card was declined/);
    await expect(fan.client.live.watch.query({ streamId: id })).resolves.toMatchObject({ access: 'locked' });
    expect(await buy(fan, id)).toMatchObject({ status: 'succeeded', owned: true });
  });
});
