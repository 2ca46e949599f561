import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { ledgerAccount } from '@shared/domain/money/ledger';
import { sandboxPaymentMethod } from '../adapters/payments/sandbox-rail';
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

const paymentsFor = (fanId: string, streamId: string) =>
  server.db
    .selectFrom('payments')
    .select(['id', 'amount', 'status'])
    .where('fan_id', '=', fanId)
    .where('item_id', '=', streamId)
    .execute();

async function ticketedStream(cents = '500') {
  const id = newId();
  await owner.client.live.create.mutate({ id, draft: ticketedDraft(id, cents) });
  return id;
}

const buy = (fan: Person, streamId: string, idempotencyKey = newId()) =>
  fan.client.live.buyTicket.mutate({ streamId, paymentMethod: CARD_OK, idempotencyKey });

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
