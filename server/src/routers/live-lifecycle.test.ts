import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import {
  LIVE_RECONNECT_GRACE_MS,
  STREAM_KEY_TTL_MS,
  streamEventsChannel,
  type StreamStatusEvent,
} from '@shared/domain/live/stream';
import { InProcessPubSub } from '../adapters/pubsub';
import { LIVE_KEYS_CHANNEL } from '../services/live/live-relay';
import { ingestKeyHash } from '../services/live/streams/ingest-key';
import { END_IF_GONE_JOB } from '../services/live/streams/stream-lifecycle';
import { person, streamDraft, type Person } from '../services/live/streams/test/live-fixtures';
import { streamsWithRelay } from '../services/live/streams/test/streams-with-relay';
import { Scheduler } from '../services/scheduler';
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

/** Everything published about one stream: its status events and its key changes. */
function listen(streamId: string) {
  const events: StreamStatusEvent[] = [];
  const keyChanges: unknown[] = [];
  pubsub.subscribe(streamEventsChannel(streamId), (event) => events.push(event as StreamStatusEvent));
  pubsub.subscribe(LIVE_KEYS_CHANNEL, (message) => {
    if ((message as { streamId: string }).streamId === streamId) keyChanges.push(message);
  });
  return { events, keyChanges };
}

const row = (id: string) =>
  server.db.selectFrom('live_streams').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const keyRow = (id: string) =>
  server.db.selectFrom('live_stream_keys').selectAll().where('stream_id', '=', id).executeTakeFirst();

async function newStream() {
  const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
  return { id: stream.id, ...listen(stream.id) };
}

/** Reports a relay event and waits for the streams part to have handled it. */
async function relay(event: 'publishStarted' | 'publishEnded', streamId: string) {
  part.streams.relayEvents[event](streamId);
  await part.streams.lifecycle.idle();
}

/** Runs what came due on two schedulers at once, as two server instances would. */
async function runDueOnTwoInstances() {
  const other = new Scheduler({ db: server.db, clock, handlers: part.streams.jobHandlers });
  await Promise.all([server.services.scheduler.runDue(), other.runDue()]);
}

describe('going live: the ingest key', () => {
  it('shows the key once and stores only its SHA-256; going live again revokes the first key', async () => {
    const { id, keyChanges } = await newStream();
    const first = await part.streams.service.goLive(owner.account, owner.id, id);
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.ingestUrl).toBe(`rtmp://relay.test/live/${id}?key=${first.key}`);
    expect(first.expiresAt).toBe(new Date(clock.now().getTime() + STREAM_KEY_TTL_MS).toISOString());
    const stored = await keyRow(id);
    expect(stored).toMatchObject({ key_sha256: ingestKeyHash(first.key), revoked_at: null });
    expect(JSON.stringify(stored)).not.toContain(first.key);
    expect(JSON.stringify(await row(id))).not.toContain(first.key);
    // Only goLive's answer holds the key: reading the stream back shows none.
    expect(JSON.stringify(await owner.client.live.get.query({ id }))).not.toContain(first.key);
    expect(keyChanges).toEqual([{ streamId: id }]);

    const second = await part.streams.service.goLive(owner.account, owner.id, id);
    expect(second.key).not.toBe(first.key);
    expect((await keyRow(id))?.key_sha256).toBe(ingestKeyHash(second.key));
    const withFirst = await server.db
      .selectFrom('live_stream_keys')
      .select('stream_id')
      .where('key_sha256', '=', ingestKeyHash(first.key))
      .execute();
    expect(withFirst).toEqual([]);
    expect(keyChanges).toHaveLength(2);
    expect((await row(id)).status).toBe('scheduled'); // live once the publisher connects
  });

  it('is refused in words on a server that runs no relay', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    const error = await owner.client.live.goLive.mutate({ id: stream.id }).catch((e: Error) => e);
    expect(codeOf(error)).toBe('SERVICE_UNAVAILABLE');
    expect((error as Error).message).toBe(
      'This server runs no live relay, so it cannot take a stream; ask its operator to enable live streaming',
    );
    expect(await keyRow(stream.id)).toBeUndefined();
  });
});

describe('the lifecycle from the relay', () => {
  it('goes live on the first publish, stays live through a drop the publisher comes back from, and ends once when it does not', async () => {
    const { id, events } = await newStream();
    await part.streams.service.goLive(owner.account, owner.id, id);
    const startedAt = clock.now().toISOString();
    await relay('publishStarted', id);
    expect(await row(id)).toMatchObject({ status: 'live', publishing: true, ended_at: null });
    expect(events).toEqual([{ type: 'status', status: 'live', publishing: true, startedAt, endedAt: null }]);
    await relay('publishStarted', id); // reported twice: nothing new
    expect(events).toHaveLength(1);

    // A drop, back within the grace: still live, its start kept, the first drop's job changes nothing.
    clock.advance(60_000);
    await relay('publishEnded', id);
    expect(await row(id)).toMatchObject({ status: 'live', publishing: false });
    expect(events.at(-1)).toEqual({
      type: 'status',
      status: 'live',
      publishing: false,
      startedAt,
      endedAt: null,
    });
    clock.advance(LIVE_RECONNECT_GRACE_MS - 1_000);
    await runDueOnTwoInstances();
    expect((await row(id)).status).toBe('live');
    await relay('publishStarted', id);
    clock.advance(2_000); // the first drop's job is due now
    await runDueOnTwoInstances();
    expect(await row(id)).toMatchObject({ status: 'live', publishing: true, ended_at: null });
    expect((await row(id)).started_at?.toISOString()).toBe(startedAt);

    // A second drop with no return: ended by its job, once, at the moment the publisher left.
    const goneAt = clock.now().toISOString();
    await relay('publishEnded', id);
    clock.advance(LIVE_RECONNECT_GRACE_MS);
    await runDueOnTwoInstances();
    await runDueOnTwoInstances();
    const ended = await row(id);
    expect(ended).toMatchObject({ status: 'ended', publishing: false });
    expect(ended.ended_at?.toISOString()).toBe(goneAt);
    expect((await keyRow(id))?.revoked_at).not.toBeNull();
    expect(events.filter((e) => e.status === 'ended')).toEqual([
      { type: 'status', status: 'ended', publishing: false, startedAt, endedAt: goneAt },
    ]);
    const jobs = await server.db
      .selectFrom('scheduled_jobs')
      .select(['status', 'attempts'])
      .where('kind', '=', END_IF_GONE_JOB)
      .where('key', 'like', `%${id}%`)
      .execute();
    expect(jobs).toEqual([
      { status: 'done', attempts: 1 },
      { status: 'done', attempts: 1 },
    ]);

    // A publisher that reaches an ended stream (on a key the relay had not yet dropped) is cut.
    part.relay.disconnected.length = 0;
    await relay('publishStarted', id);
    expect(part.relay.disconnected).toEqual([id]);
    expect((await row(id)).status).toBe('ended');
  });

  it('ends by the creator: the key revoked, the publisher cut, the relay and fans told; ending again changes nothing', async () => {
    const { id, events, keyChanges } = await newStream();
    await part.streams.service.goLive(owner.account, owner.id, id);
    await relay('publishStarted', id);
    part.relay.disconnected.length = 0;
    // A new key while the encoder is connected on the old one: it is cut, to come back on the new key.
    await part.streams.service.goLive(owner.account, owner.id, id);
    expect(part.relay.disconnected).toEqual([id]);
    part.relay.disconnected.length = 0;

    const ended = await part.streams.service.end(owner.account, owner.id, id);
    expect(ended).toMatchObject({ status: 'ended', publishing: false, endedAt: clock.now().toISOString() });
    expect(part.relay.disconnected).toEqual([id]);
    expect((await keyRow(id))?.revoked_at).not.toBeNull();
    expect(keyChanges).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ status: 'ended', publishing: false });

    const again = await part.streams.service.end(owner.account, owner.id, id);
    expect(again.version).toBe(ended.version);
    expect(part.relay.disconnected).toEqual([id]);
    const error = await part.streams.service.goLive(owner.account, owner.id, id).catch((e: Error) => e);
    expect((error as Error).message).toBe('This stream has ended; schedule a new one');
  });

  it('cancels only a stream that has not gone live, and ends only one that has', async () => {
    const scheduled = await newStream();
    const endError = await owner.client.live.end.mutate({ id: scheduled.id }).catch((e: Error) => e);
    expect([codeOf(endError), (endError as Error).message]).toEqual([
      'PRECONDITION_FAILED',
      'This stream has not gone live; cancel it instead',
    ]);
    await part.streams.service.goLive(owner.account, owner.id, scheduled.id);
    const cancelled = await owner.client.live.cancel.mutate({ id: scheduled.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', endedAt: clock.now().toISOString() });
    expect((await keyRow(scheduled.id))?.revoked_at).not.toBeNull();
    expect(scheduled.events.at(-1)).toMatchObject({ status: 'cancelled' });

    const live = await newStream();
    await relay('publishStarted', live.id);
    const cancelError = await owner.client.live.cancel.mutate({ id: live.id }).catch((e: Error) => e);
    expect((cancelError as Error).message).toBe('This stream is live; end it instead');
    expect((await row(live.id)).status).toBe('live');
  });
});

describe('relay events that go wrong', () => {
  it('never throw into the relay: an unknown or malformed stream id is logged and changes nothing', async () => {
    const before = await server.db.selectFrom('live_streams').select(['id', 'version']).execute();
    expect(() => part.streams.relayEvents.publishStarted('not-a-uuid')).not.toThrow();
    expect(() => part.streams.relayEvents.publishEnded('0192f0a0-0000-7000-8000-00000000dead')).not.toThrow();
    await part.streams.lifecycle.idle();
    expect(await server.db.selectFrom('live_streams').select(['id', 'version']).execute()).toEqual(before);
  });

  it('ends a stream whose publisher is gone after a restart, from the job kept in the database', async () => {
    const { id } = await newStream();
    await part.streams.service.goLive(owner.account, owner.id, id);
    await relay('publishStarted', id);
    await relay('publishEnded', id);
    // A new process: nothing in memory, only the database and its scheduled job.
    const restarted = streamsWithRelay(server, pubsub, clock);
    clock.advance(LIVE_RECONNECT_GRACE_MS);
    await new Scheduler({ db: server.db, clock, handlers: restarted.streams.jobHandlers }).runDue();
    expect((await row(id)).status).toBe('ended');
    // (The test server's own scheduler may have run the job first: either way the outcome is the same.)
    expect((await keyRow(id))?.revoked_at).toBeInstanceOf(Date);
  });
});

describe('watching a live stream', () => {
  it('gives an allowed viewer a playback token and URLs, and a refused one neither', async () => {
    const open = await newStream();
    await relay('publishStarted', open.id);
    const watched = await part.streams.watching.watch(null, open.id);
    expect(watched).toMatchObject({
      access: 'open',
      stream: { status: 'live', publishing: true },
      playback: {
        token: expect.any(String),
        flv: expect.stringContaining(`/live/${open.id}.flv?token=`),
        hls: expect.stringContaining(`/${open.id}/index.m3u8`),
      },
    });
    expect(part.tokens.issued.at(-1)).toEqual({ streamId: open.id, viewerId: null });
    const key = await part.streams.service.goLive(owner.account, owner.id, open.id);
    const again = await part.streams.watching.watch(null, open.id);
    expect(JSON.stringify(again)).not.toContain(key.key);

    const gated = await owner.client.live.create.mutate({
      draft: streamDraft({ accessRule: { kind: 'subscriber' } }),
    });
    await relay('publishStarted', gated.id);
    const fan = await person(server, 'fan');
    const issuedBefore = part.tokens.issued.length;
    const refused = await part.streams.watching.watch(fan.account, gated.id);
    expect(refused.access).toBe('locked');
    expect(JSON.stringify(refused)).not.toMatch(/token|flv|m3u8/);
    expect(part.tokens.issued).toHaveLength(issuedBefore);
  });
});
