import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { InProcessPubSub } from '../adapters/pubsub';
import {
  CARD_OK,
  person,
  streamDraft,
  ticketedDraft,
  type Person,
} from '../services/live/streams/test/live-fixtures';
import { streamsWithRelay } from '../services/live/streams/test/streams-with-relay';
import { codeOf, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

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

const TOMORROW = '2026-12-02T18:00:00.000Z';
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error) => [codeOf(error), error.message],
  );
/** Calls started together are awaited one by one below: their refusals are not unhandled meanwhile. */
const settleQuietly = (calls: Promise<unknown>[]) => calls.forEach((call) => call.catch(() => undefined));
const streamCount = async () =>
  Number(
    (
      await server.db
        .selectFrom('live_streams')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("a creator's streams", () => {
  it('schedules, edits, lists and reads a stream', async () => {
    const created = await owner.client.live.create.mutate({
      draft: streamDraft({ title: '  Glaze night  ', scheduledFor: TOMORROW }),
    });
    expect(created).toMatchObject({
      creatorId: owner.id,
      title: 'Glaze night',
      status: 'scheduled',
      scheduledFor: TOMORROW,
      ticketPrice: null,
      publishing: false,
      version: 1,
    });
    const updated = await owner.client.live.update.mutate({
      id: created.id,
      baseVersion: 1,
      draft: ticketedDraft(created.id, '900', { kind: 'follower' }),
    });
    expect(updated).toMatchObject({
      title: 'Kiln opening',
      ticketPrice: { currency: 'USD', minor: '900' },
      scheduledFor: null,
      version: 2,
    });
    await expect(owner.client.live.get.query({ id: created.id })).resolves.toEqual(updated);
    const mine = await owner.client.live.mine.query();
    expect(mine.map((s) => s.id)).toContain(created.id);
  });

  it('refuses a stale edit, an edit once ended, and a new planned time once live', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft({ scheduledFor: TOMORROW }) });
    await owner.client.live.update.mutate({
      id: stream.id,
      baseVersion: 1,
      draft: streamDraft({ title: 'First', scheduledFor: TOMORROW }),
    });
    expect(
      await failure(owner.client.live.update.mutate({ id: stream.id, baseVersion: 1, draft: streamDraft() })),
    ).toEqual(['CONFLICT', 'This stream changed since you opened it; reload it and try again']);

    part.streams.relayEvents.publishStarted(stream.id);
    await part.streams.lifecycle.idle();
    const live = await owner.client.live.get.query({ id: stream.id });
    expect(live.status).toBe('live');
    expect(
      await failure(
        owner.client.live.update.mutate({ id: stream.id, baseVersion: live.version, draft: streamDraft() }),
      ),
    ).toEqual(['BAD_REQUEST', 'scheduledFor: a live stream keeps the time it was planned for']);
    const retitled = await owner.client.live.update.mutate({
      id: stream.id,
      baseVersion: live.version,
      draft: streamDraft({ title: 'Live now', scheduledFor: live.scheduledFor }),
    });
    expect(retitled).toMatchObject({ title: 'Live now', status: 'live' });

    await owner.client.live.end.mutate({ id: stream.id });
    const ended = await owner.client.live.get.query({ id: stream.id });
    expect(
      await failure(
        owner.client.live.update.mutate({ id: stream.id, baseVersion: ended.version, draft: streamDraft() }),
      ),
    ).toEqual(['PRECONDITION_FAILED', 'This stream is ended; it can no longer change']);
  });

  it("lets no other creator read or change someone else's stream, and changes nothing when refused", async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const other = await person(server, 'creator');
    const refused = 'This stream belongs to another creator';
    const calls: [string, Promise<unknown>][] = [
      [
        'update',
        other.client.live.update.mutate({
          id: stream.id,
          baseVersion: 1,
          draft: streamDraft({ title: 'Mine now' }),
        }),
      ],
      ['cancel', other.client.live.cancel.mutate({ id: stream.id })],
      ['end', other.client.live.end.mutate({ id: stream.id })],
      ['get', other.client.live.get.query({ id: stream.id })],
      // Acting for the owner outright is refused before anything else.
      ['goLive as the owner', other.client.live.goLive.mutate({ creatorId: owner.id, id: stream.id })],
    ];
    settleQuietly(calls.map(([, call]) => call));
    for (const [what, call] of calls) {
      const got = await failure(call);
      expect(got?.[0], what).toBe('FORBIDDEN');
      if (what !== 'goLive as the owner') expect(got?.[1], what).toBe(refused);
    }
    // With a relay, goLive under one's own account naming the owner's stream is refused too.
    await expect(part.streams.service.goLive(other.account, other.id, stream.id)).rejects.toThrow(refused);
    expect(
      await server.db
        .selectFrom('live_stream_keys')
        .select('stream_id')
        .where('stream_id', '=', stream.id)
        .execute(),
    ).toEqual([]);
    await expect(owner.client.live.get.query({ id: stream.id })).resolves.toEqual(stream);
  });

  it('refuses a ticket price without purchased() in the rule, and a rule letting ticket holders in without a price', async () => {
    const id = newId();
    const before = await streamCount();
    expect(
      await failure(
        owner.client.live.create.mutate({
          id,
          draft: streamDraft({ ticketPrice: { currency: 'USD', minor: '500' } }),
        }),
      ),
    ).toEqual([
      'BAD_REQUEST',
      `accessRule: a stream selling tickets must let their holders in: add purchased(${id}) to its access rule`,
    ]);
    expect(
      await failure(
        owner.client.live.create.mutate({
          id,
          draft: streamDraft({ accessRule: { kind: 'purchased', itemId: id } }),
        }),
      ),
    ).toEqual(['BAD_REQUEST', 'ticketPrice: a stream its ticket holders can watch needs a ticket price']);
    expect(
      await failure(
        owner.client.live.create.mutate({ draft: streamDraft({ scheduledFor: '2026-11-30T12:00:00Z' }) }),
      ),
    ).toEqual(['BAD_REQUEST', 'scheduledFor: a stream is planned for a time still to come']);
    expect(await streamCount()).toBe(before);
  });
});

describe("a creator's page: live and upcoming streams", () => {
  it('lists live streams first, then scheduled ones by time, with what unlocks the gated ones', async () => {
    const creator = await person(server, 'creator');
    const tier = await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Gold', rank: 1, monthlyPrice: '1000' },
    });
    const later = await creator.client.live.create.mutate({
      draft: streamDraft({ title: 'Later', scheduledFor: '2026-12-20T18:00:00.000Z' }),
    });
    const soonId = newId();
    await creator.client.live.create.mutate({
      id: soonId,
      draft: {
        ...ticketedDraft(soonId, '300', { kind: 'subscriber', minTier: tier.id }),
        title: 'Soon',
        scheduledFor: TOMORROW,
      },
    });
    const live = await creator.client.live.create.mutate({ draft: streamDraft({ title: 'Now' }) });
    part.streams.relayEvents.publishStarted(live.id);
    await part.streams.lifecycle.idle();
    const cancelled = await creator.client.live.create.mutate({ draft: streamDraft({ title: 'Off' }) });
    await creator.client.live.cancel.mutate({ id: cancelled.id });

    const page = await server.client().live.forCreator.query({ handle: creator.handle!.toUpperCase() });
    expect(page.map((entry) => entry.stream.title)).toEqual(['Now', 'Soon', 'Later']);
    expect(page[0]).toMatchObject({ access: 'open', stream: { id: live.id, status: 'live' } });
    expect(page[1]).toEqual({
      access: 'locked',
      stream: expect.objectContaining({ id: soonId, status: 'scheduled', scheduledFor: TOMORROW }),
      unlock: {
        hint: 'Subscribers (Gold tier or higher) or Purchase',
        byFollowing: false,
        tier: { id: tier.id, name: 'Gold', currency: 'USD', monthlyPrice: '1000' },
        ticket: { currency: 'USD', amount: '300' },
      },
    });
    expect(page[2]).toMatchObject({ access: 'open', stream: { id: later.id } });
    expect(JSON.stringify(page)).not.toContain('accessRule');

    const fan = await person(server, 'fan');
    await fan.client.live.buyTicket.mutate({
      streamId: soonId,
      paymentMethod: CARD_OK,
      idempotencyKey: newId(),
    });
    const fanPage = await fan.client.live.forCreator.query({ handle: creator.handle! });
    expect(fanPage[1]).toMatchObject({ access: 'open', stream: { id: soonId } });
    expect(await failure(server.client().live.forCreator.query({ handle: 'nobody_here' }))).toEqual([
      'NOT_FOUND',
      'No creator @nobody_here',
    ]);
  });
});

describe('bad input to every live procedure', () => {
  it('is refused with a clear message, and nothing is stored', async () => {
    const fan = await person(server, 'fan');
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const before = await streamCount();
    const c: ServerClient = owner.client;
    const cases: [string, Promise<unknown>, string][] = [
      [
        'create: empty title',
        c.live.create.mutate({ draft: streamDraft({ title: ' ' }) }),
        'draft.title: title must not be empty',
      ],
      [
        'create: two lines',
        c.live.create.mutate({ draft: streamDraft({ title: 'a\nb' }) }),
        'draft.title: title must not contain control characters',
      ],
      [
        'create: too long',
        c.live.create.mutate({ draft: streamDraft({ title: 'x'.repeat(141) }) }),
        'draft.title: title is at most 140 characters',
      ],
      [
        'create: price in euros',
        c.live.create.mutate({
          draft: { ...streamDraft(), ticketPrice: { currency: 'EUR', minor: '500' } } as never,
        }),
        'draft.ticketPrice.currency: a ticket is priced in USD',
      ],
      [
        'create: price as a number',
        c.live.create.mutate({
          draft: { ...streamDraft(), ticketPrice: { currency: 'USD', minor: 5 } } as never,
        }),
        'draft.ticketPrice.minor',
      ],
      [
        'create: price too low',
        c.live.create.mutate({ draft: streamDraft({ ticketPrice: { currency: 'USD', minor: '10' } }) }),
        'draft.ticketPrice.minor: ticket price is at least $0.50',
      ],
      [
        'create: bad time',
        c.live.create.mutate({ draft: streamDraft({ scheduledFor: 'soon' }) }),
        'draft.scheduledFor: scheduledFor must be an ISO 8601 date and time with its offset',
      ],
      [
        'create: bad rule',
        c.live.create.mutate({ draft: { ...streamDraft(), accessRule: { kind: 'everyone' } } as never }),
        'draft.accessRule',
      ],
      [
        'create: bad id',
        c.live.create.mutate({ id: 'stream-1', draft: streamDraft() }),
        'id: id must be a stream’s UUID',
      ],
      ['create: no draft', c.live.create.mutate({} as never), 'draft'],
      [
        'update: no version',
        c.live.update.mutate({ id: stream.id, draft: streamDraft() } as never),
        'baseVersion',
      ],
      [
        'update: version 0',
        c.live.update.mutate({ id: stream.id, baseVersion: 0, draft: streamDraft() }),
        'baseVersion: baseVersion is the version you read',
      ],
      ['cancel: bad id', c.live.cancel.mutate({ id: '1 OR 1=1' }), 'id: id must be a stream’s UUID'],
      ['goLive: bad id', c.live.goLive.mutate({ id: '' }), 'id: id must be a stream’s UUID'],
      ['end: bad id', c.live.end.mutate({ id: 42 } as never), 'id'],
      ['get: bad id', c.live.get.query({ id: 'x' }), 'id: id must be a stream’s UUID'],
      ['mine: bad creator', c.live.mine.query({ creatorId: 'me' }), 'creatorId'],
      ['forCreator: bad handle', c.live.forCreator.query({ handle: '<script>' }), 'handle'],
      [
        'watch: bad id',
        server.client().live.watch.query({ streamId: '../../etc' }),
        'streamId: id must be a stream’s UUID',
      ],
      [
        'buyTicket: a price sent along',
        fan.client.live.buyTicket.mutate({
          streamId: stream.id,
          paymentMethod: CARD_OK,
          idempotencyKey: newId(),
          amount: '1',
        } as never),
        'amount',
      ],
      [
        'buyTicket: bad key',
        fan.client.live.buyTicket.mutate({
          streamId: stream.id,
          paymentMethod: CARD_OK,
          idempotencyKey: 'again',
        }),
        'idempotencyKey: must be a UUID made once per ticket',
      ],
      [
        'buyTicket: a card number',
        fan.client.live.buyTicket.mutate({
          streamId: stream.id,
          paymentMethod: '4242424242424242',
          idempotencyKey: newId(),
        }),
        'paymentMethod: must be a saved payment method',
      ],
    ];
    settleQuietly(cases.map(([, call]) => call));
    for (const [what, call, message] of cases) {
      const got = await failure(call);
      expect(got?.[0], what).toBe('BAD_REQUEST');
      expect(got?.[1], what).toContain(message);
    }
    expect(await streamCount()).toBe(before);
    await expect(owner.client.live.get.query({ id: stream.id })).resolves.toEqual(stream);
    const payments = await server.db
      .selectFrom('payments')
      .select('id')
      .where('item_id', '=', stream.id)
      .execute();
    expect(payments).toEqual([]);
  });
});
