import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import type { StreamDraft } from '@shared/domain/live/stream';
import { STREAM_KIND, type StreamChange, type StreamSnapshot } from '@shared/domain/live/stream-sync';
import { decodePullPage, type Change, type Mutation } from '@shared/domain/sync/protocol';
import { pushAsManager } from '../../../test/scoped-manager';
import {
  codeOf,
  signUp,
  startTestServer,
  type ServerClient,
  type TestServer,
} from '../../../test/test-server';
import { SyncedKinds } from '../../sync/synced-kind';
import { streamSyncedKind } from './stream-sync';

const clock = new ManualClock('2026-06-01T12:00:00.000Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

const planned = (change: Partial<StreamDraft> = {}): StreamDraft => ({
  title: 'Kiln opening',
  accessRule: { kind: 'public' },
  ticketPrice: null,
  scheduledFor: '2026-06-05T18:00:00.000Z',
  ...change,
});
const streamMutation = (streamId: string, change: StreamChange): Mutation => ({
  id: newId(),
  entity: STREAM_KIND.entity,
  entityId: streamId,
  change,
});
const push = async (client: ServerClient, ...mutations: Mutation[]) =>
  (await client.sync.push.mutate({ mutations })).results;
const feedOf = async (client: ServerClient): Promise<readonly Change[]> =>
  decodePullPage(await client.sync.pull.query({ after: 0, limit: 1000 })).changes;
const streamRow = (id: string) =>
  server.db
    .selectFrom('live_streams')
    .select(['title', 'status', 'version', 'creator_id'])
    .where('id', '=', id)
    .executeTakeFirst();

describe('live streams through sync.push', () => {
  it('plans a stream with the id the studio made, exactly once, and fans see it as upcoming', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    const create = streamMutation(id, { type: 'create', draft: planned() });
    const answers = [...(await push(creator.client, create)), ...(await push(creator.client, create))];
    expect(answers.map((a) => a.status)).toEqual(['applied', 'duplicate']);
    expect(answers[0]).toMatchObject({ version: 1, seq: 1 });

    const changes = await feedOf(creator.client);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: 'live_stream', op: 'upsert', id });
    expect(changes[0]!.data).toEqual({
      id,
      creatorId: creator.account.id,
      ...planned(),
      status: 'scheduled',
      version: 1,
      updatedAt: clock.now().toISOString(),
    } satisfies StreamSnapshot);
    const page = await server.client().live.forCreator.query({ handle: creator.account.handle! });
    expect(page).toEqual([
      expect.objectContaining({
        stream: expect.objectContaining({
          id,
          title: 'Kiln opening',
          status: 'scheduled',
          scheduledFor: '2026-06-05T18:00:00.000Z',
        }),
        access: 'open',
      }),
    ]);
  });

  it('edits and cancels over the base version, each once, and the creator page follows', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    await push(creator.client, streamMutation(id, { type: 'create', draft: planned() }));
    const edit = streamMutation(id, { type: 'update', baseVersion: 1, draft: planned({ title: 'Glazing' }) });
    const [edited, editedAgain] = [
      ...(await push(creator.client, edit)),
      ...(await push(creator.client, edit)),
    ];
    expect(edited).toMatchObject({ status: 'applied', version: 2 });
    expect(editedAgain).toMatchObject({ status: 'duplicate', version: 2 });
    expect(await streamRow(id)).toMatchObject({ title: 'Glazing', version: 2 });

    const [cancelled] = await push(creator.client, streamMutation(id, { type: 'cancel', baseVersion: 2 }));
    expect(cancelled).toMatchObject({ status: 'applied', version: 3 });
    expect(await streamRow(id)).toMatchObject({ status: 'cancelled', version: 3 });
    expect(await server.client().live.forCreator.query({ handle: creator.account.handle! })).toEqual([]);
    expect((await feedOf(creator.client)).map((c) => (c.data as StreamSnapshot).status)).toEqual([
      'scheduled',
      'scheduled',
      'cancelled',
    ]);
  });

  it('appends the web’s changes to the feed, and a studio change based on an older version is a conflict', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    await push(creator.client, streamMutation(id, { type: 'create', draft: planned() }));
    await creator.client.live.update.mutate({
      id,
      baseVersion: 1,
      draft: planned({ title: 'From the web' }),
    });
    const webMade = await creator.client.live.create.mutate({ draft: planned({ title: 'Made on the web' }) });
    expect(
      (await feedOf(creator.client)).map((c) => [
        c.id,
        (c.data as StreamSnapshot).title,
        (c.data as StreamSnapshot).version,
      ]),
    ).toEqual([
      [id, 'Kiln opening', 1],
      [id, 'From the web', 2],
      [webMade.id, 'Made on the web', 1],
    ]);

    const [edit, cancel] = await push(
      creator.client,
      streamMutation(id, { type: 'update', baseVersion: 1, draft: planned({ title: 'From the studio' }) }),
      streamMutation(id, { type: 'cancel', baseVersion: 1 }),
    );
    expect(edit).toMatchObject({ status: 'conflict', current: { title: 'From the web', version: 2 } });
    expect(cancel).toMatchObject({ status: 'rejected', code: 'SKIPPED' });
    const [staleCancel] = await push(creator.client, streamMutation(id, { type: 'cancel', baseVersion: 1 }));
    expect(staleCancel).toMatchObject({ status: 'conflict', current: { status: 'scheduled', version: 2 } });
    expect(await streamRow(id)).toMatchObject({ title: 'From the web', status: 'scheduled', version: 2 });

    // The web's cancel reaches the studio too.
    await creator.client.live.cancel.mutate({ id: webMade.id });
    const last = (await feedOf(creator.client)).at(-1)!;
    expect(last).toMatchObject({ id: webMade.id, data: { status: 'cancelled', version: 2 } });
  });

  it('refuses bad drafts in words, a time already past, a ticket without its rule, and writes nothing', async () => {
    const creator = await signUp(server, 'creator');
    const [untitled, cheap, past, unsold] = await push(
      creator.client,
      streamMutation(newId(), { type: 'create', draft: { ...planned(), title: ' ' } }),
      streamMutation(newId(), {
        type: 'create',
        draft: planned({ ticketPrice: { currency: 'USD', minor: '10' } }),
      }),
      streamMutation(newId(), {
        type: 'create',
        draft: planned({ scheduledFor: '2026-05-31T12:00:00.000Z' }),
      }),
      streamMutation(newId(), {
        type: 'create',
        draft: planned({ ticketPrice: { currency: 'USD', minor: '500' } }),
      }),
    );
    expect(untitled).toMatchObject({
      status: 'rejected',
      code: 'BAD_REQUEST',
      message: 'The server refused it: draft.title: title must not be empty',
    });
    expect(cheap).toMatchObject({
      status: 'rejected',
      message: 'The server refused it: draft.ticketPrice.minor: ticket price is at least $0.50',
    });
    expect(past).toMatchObject({
      status: 'rejected',
      code: 'validation',
      message: 'a stream is planned for a time still to come',
    });
    expect(unsold).toMatchObject({ status: 'rejected', code: 'validation', message: /purchased\(/ });
    const [unknown] = await push(creator.client, streamMutation(newId(), { type: 'goLive' } as never));
    expect(unknown).toMatchObject({ status: 'rejected', code: 'BAD_REQUEST' });
    expect(await feedOf(creator.client)).toEqual([]);
    expect(
      await server.db
        .selectFrom('live_streams')
        .where('creator_id', '=', creator.account.id)
        .selectAll()
        .execute(),
    ).toEqual([]);
  });

  it("refuses another creator's stream id and a manager without the live scope, and writes nothing", async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const id = newId();
    await push(owner.client, streamMutation(id, { type: 'create', draft: planned() }));

    const [foreignEdit, foreignCancel] = await push(
      other.client,
      streamMutation(id, { type: 'update', baseVersion: 1, draft: planned({ title: 'Mine now' }) }),
      streamMutation(id, { type: 'cancel', baseVersion: 1 }),
    );
    expect(foreignEdit).toMatchObject({ status: 'rejected', code: 'permission_denied' });
    expect(foreignCancel).toMatchObject({ status: 'rejected', code: 'SKIPPED' });
    // Creating under an id another creator's stream has is refused, never an overwrite.
    const [taken] = await push(other.client, streamMutation(id, { type: 'create', draft: planned() }));
    expect(taken).toMatchObject({ status: 'rejected', code: 'conflict' });
    await expect(
      other.client.sync.push
        .mutate({
          creatorId: owner.account.id,
          mutations: [streamMutation(id, { type: 'cancel', baseVersion: 1 })],
        })
        .catch(codeOf),
    ).resolves.toBe('FORBIDDEN');
    expect(await streamRow(id)).toMatchObject({ title: 'Kiln opening', status: 'scheduled', version: 1 });
    expect(await feedOf(other.client)).toEqual([]);

    const manager = await signUp(server, 'manager');
    const kinds = new SyncedKinds([streamSyncedKind(server.services.live.streams.service)]);
    const financeOnly = pushAsManager(server, kinds, {
      manager: manager.account,
      creatorId: owner.account.id,
      scopes: ['finance'],
    });
    const { results } = await financeOnly([streamMutation(id, { type: 'cancel', baseVersion: 1 })]);
    expect(results[0]).toMatchObject({
      status: 'rejected',
      code: 'permission_denied',
      message: 'Acting for this creator does not cover live',
    });
    const withLive = pushAsManager(server, kinds, {
      manager: manager.account,
      creatorId: owner.account.id,
      scopes: ['live'],
    });
    expect(
      (await withLive([streamMutation(id, { type: 'cancel', baseVersion: 1 })])).results[0],
    ).toMatchObject({
      status: 'applied',
      version: 2,
    });
  });

  it('appends what the relay does to a planned stream (live, publisher gone), so the studio keeps its version', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    await push(creator.client, streamMutation(id, { type: 'create', draft: planned() }));
    const { relayEvents, lifecycle } = server.services.live.streams;
    relayEvents.publishStarted(id);
    await lifecycle.idle();
    relayEvents.publishEnded(id);
    await lifecycle.idle();
    expect(
      (await feedOf(creator.client)).map((c) => [
        (c.data as StreamSnapshot).status,
        (c.data as StreamSnapshot).version,
      ]),
    ).toEqual([
      ['scheduled', 1],
      ['live', 2],
      ['live', 3],
    ]);
    expect(await streamRow(id)).toMatchObject({ status: 'live', version: 3 });
    // A plan cancelled from the studio once live is refused in words, the stream untouched.
    const [cancel] = await push(creator.client, streamMutation(id, { type: 'cancel', baseVersion: 3 }));
    expect(cancel).toMatchObject({ status: 'rejected', code: 'invalid_state' });
    expect(await streamRow(id)).toMatchObject({ status: 'live', version: 3 });
  });
});
