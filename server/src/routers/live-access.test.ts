import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { NotFoundError, PermissionDeniedError } from '@shared/domain/errors';
import { newId } from '@shared/domain/ids';
import {
  person,
  streamDraft,
  subscriber,
  ticketedDraft,
  type Person,
} from '../services/live/streams/test/live-fixtures';
import { codeOf, startTestServer, type TestServer } from '../test/test-server';

const clock = new ManualClock('2026-12-01T12:00:00.000Z');
let server: TestServer;
let owner: Person;
let gold: { id: string };
let platinum: { id: string };

beforeAll(async () => {
  server = await startTestServer({ clock });
  owner = await person(server, 'creator');
  gold = await owner.client.subscriptions.createTier.mutate({
    tier: { name: 'Gold', rank: 1, monthlyPrice: '1000' },
  });
  platinum = await owner.client.subscriptions.createTier.mutate({
    tier: { name: 'Platinum', rank: 2, monthlyPrice: '3000' },
  });
});
afterAll(() => server.close());

const access = () => server.services.live.streams.access;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('who may watch a stream (StreamAccess and live.watch)', () => {
  it('lets anyone watch a public stream, signed in or not', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    await expect(access().requireWatcher(null, stream.id)).resolves.toEqual({
      id: stream.id,
      creatorId: owner.id,
      title: 'Kiln opening',
      status: 'scheduled',
    });
    const watched = await server.client().live.watch.query({ streamId: stream.id });
    // Scheduled: shown with its title, nothing to play yet.
    expect(watched).toMatchObject({
      access: 'open',
      playback: null,
      stream: { status: 'scheduled', title: 'Kiln opening' },
    });
  });

  it('refuses a follower a subscribers-only stream with the tier that opens it, and lets a subscriber in', async () => {
    const stream = await owner.client.live.create.mutate({
      draft: streamDraft({ accessRule: { kind: 'subscriber', minTier: platinum.id } }),
    });
    const follower = await person(server, 'fan');
    await follower.client.creators.follow.mutate({ handle: owner.handle! });

    const error = await refusal(access().requireWatcher(follower.id, stream.id));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as Error).message).toBe('To watch this stream, subscribe to Platinum');
    const watched = await follower.client.live.watch.query({ streamId: stream.id });
    expect(watched).toEqual({
      stream: expect.objectContaining({ id: stream.id }),
      access: 'locked',
      unlock: {
        hint: 'Subscribers (Platinum tier or higher)',
        byFollowing: false,
        tier: { id: platinum.id, name: 'Platinum', currency: 'USD', monthlyPrice: '3000' },
        ticket: null,
      },
    });
    expect(JSON.stringify(watched)).not.toMatch(/flv|hls|token/);

    const goldFan = await subscriber(server, owner.handle!, gold.id);
    await expect(refusal(access().requireWatcher(goldFan.id, stream.id))).resolves.toBeInstanceOf(
      PermissionDeniedError,
    );
    const platinumFan = await subscriber(server, owner.handle!, platinum.id);
    await expect(access().requireWatcher(platinumFan.id, stream.id)).resolves.toMatchObject({
      id: stream.id,
    });
    await expect(platinumFan.client.live.watch.query({ streamId: stream.id })).resolves.toMatchObject({
      access: 'open',
    });
  });

  it('asks an anonymous viewer of a followers stream to sign in and follow', async () => {
    const stream = await owner.client.live.create.mutate({
      draft: streamDraft({ accessRule: { kind: 'follower' } }),
    });
    const error = await refusal(access().requireWatcher(null, stream.id));
    expect((error as Error).message).toBe('To watch this stream, sign in and follow the creator');
    const fan = await person(server, 'fan');
    await expect(fan.client.live.watch.query({ streamId: stream.id })).resolves.toMatchObject({
      access: 'locked',
      unlock: { byFollowing: true, hint: 'Followers' },
    });
    await fan.client.creators.follow.mutate({ handle: owner.handle! });
    await expect(access().requireWatcher(fan.id, stream.id)).resolves.toMatchObject({ id: stream.id });
  });

  it('offers a ticket at its price for a ticketed stream', async () => {
    const id = newId();
    await owner.client.live.create.mutate({
      id,
      draft: ticketedDraft(id, '750', { kind: 'subscriber', minTier: gold.id }),
    });
    const fan = await person(server, 'fan');
    const error = await refusal(access().requireWatcher(fan.id, id));
    expect((error as Error).message).toBe(
      'To watch this stream, subscribe to Gold or buy a ticket for $7.50',
    );
    await expect(fan.client.live.watch.query({ streamId: id })).resolves.toMatchObject({
      access: 'locked',
      unlock: { tier: { name: 'Gold' }, ticket: { currency: 'USD', amount: '750' } },
    });
  });

  it('lets the creator watch their own gated stream', async () => {
    const stream = await owner.client.live.create.mutate({
      draft: streamDraft({ accessRule: { kind: 'subscriber' } }),
    });
    await expect(access().requireWatcher(owner.id, stream.id)).resolves.toMatchObject({ id: stream.id });
    await expect(owner.client.live.watch.query({ streamId: stream.id })).resolves.toMatchObject({
      access: 'open',
    });
  });

  it('shows no cancelled stream and no unknown one', async () => {
    const stream = await owner.client.live.create.mutate({ draft: streamDraft() });
    await owner.client.live.cancel.mutate({ id: stream.id });
    await expect(refusal(access().requireWatcher(null, stream.id))).resolves.toBeInstanceOf(NotFoundError);
    await expect(refusal(access().requireWatcher(null, newId()))).resolves.toBeInstanceOf(NotFoundError);
    expect(await server.client().live.watch.query({ streamId: stream.id }).catch(codeOf)).toBe('NOT_FOUND');
  });
});

describe('who runs a stream’s chat (StreamAccess.isModerator)', () => {
  it('is the creator and the moderators they appointed, no one else', async () => {
    const stream = await access().requireWatcher(
      null,
      (await owner.client.live.create.mutate({ draft: streamDraft() })).id,
    );
    const appointed = await person(server, 'fan');
    const fan = await person(server, 'fan');
    const otherCreator = await person(server, 'creator');
    await server.db
      .insertInto('live_chat_moderators')
      .values({ creator_id: owner.id, account_id: appointed.id })
      .execute();

    expect(await access().isModerator(owner.id, stream)).toBe(true);
    expect(await access().isModerator(appointed.id, stream)).toBe(true);
    expect(await access().isModerator(fan.id, stream)).toBe(false);
    expect(await access().isModerator(otherCreator.id, stream)).toBe(false);
    expect(await access().isModerator(newId(), stream)).toBe(false);
  });
});
