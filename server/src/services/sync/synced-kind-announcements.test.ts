import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { streamEventsChannel } from '@shared/domain/live/stream';
import { STREAM_KIND, type StreamChange } from '@shared/domain/live/stream-sync';
import type { Mutation } from '@shared/domain/sync/protocol';
import { InProcessPubSub } from '../../adapters/pubsub';
import { signUp, startTestServer, type TestServer } from '../../test/test-server';
import { ActingForPolicy } from '../access/acting-for';
import { LIVE_KEYS_CHANNEL } from '../live/live-relay';
import { streamSyncedKind } from '../live/streams/stream-sync';
import { AppliedMutationRepository } from './applied-mutation-repository';
import { syncedKind, SyncedKinds } from './synced-kind';
import { SyncService } from './sync-service';

// A real kind's announcements (the stream kind's cancel: its status to fans, its key to the relays) against a
// real server's pubsub, when the push's transaction commits and when it rolls back after the handler returned.
const clock = new ManualClock('2026-06-01T12:00:00.000Z');
const pubsub = new InProcessPubSub();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock, pubsub });
  // A foreign key checked only at COMMIT: a row pointing nowhere makes the commit itself fail.
  await sql`CREATE TABLE commit_probe_parent (id int PRIMARY KEY)`.execute(server.db);
  await sql`
    CREATE TABLE commit_probe_child (
      parent_id int REFERENCES commit_probe_parent (id) DEFERRABLE INITIALLY DEFERRED
    )
  `.execute(server.db);
});
afterAll(() => server.close());

const streamMutation = (streamId: string, change: StreamChange): Mutation => ({
  id: newId(),
  entity: STREAM_KIND.entity,
  entityId: streamId,
  change,
});
const plan = {
  title: 'Kiln opening',
  accessRule: { kind: 'public' as const },
  ticketPrice: null,
  scheduledFor: '2026-06-05T18:00:00.000Z',
};
const statusOf = async (id: string) =>
  (await server.db.selectFrom('live_streams').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

/** What the pubsub carried about `streamId`: its status events, and key refreshes naming it. */
function listen(streamId: string) {
  const heard: { what: string; statusInDatabase: Promise<string> }[] = [];
  const stops = [
    pubsub.subscribe(streamEventsChannel(streamId), (event) => {
      // Read from outside the push's transaction: it says `cancelled` only if the cancel committed first.
      heard.push({
        what: `status ${(event as { status: string }).status}`,
        statusInDatabase: statusOf(streamId),
      });
    }),
    pubsub.subscribe(LIVE_KEYS_CHANNEL, (message) => {
      if ((message as { streamId: string }).streamId === streamId)
        heard.push({ what: 'keys changed', statusInDatabase: statusOf(streamId) });
    }),
  ];
  return { heard, stop: () => stops.forEach((stop) => stop()) };
}

describe('a stream cancelled through sync.push', () => {
  it('is announced to fans and relays once the push has committed, and not at all when it rolls back', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    const [created] = (
      await creator.client.sync.push.mutate({
        mutations: [streamMutation(id, { type: 'create', draft: plan })],
      })
    ).results;
    expect(created).toMatchObject({ status: 'applied', version: 1 });
    const listening = listen(id);

    // The real stream handler cancels, then another write of the same transaction fails at COMMIT.
    const real = streamSyncedKind(server.services.live.streams.service);
    const failingAtCommit = syncedKind({
      ...real,
      async apply(mutation) {
        const outcome = await real.apply(mutation);
        await sql`INSERT INTO commit_probe_child (parent_id) VALUES (1)`.execute(mutation.trx);
        return outcome;
      },
    });
    const sync = new SyncService(
      server.db,
      new SyncedKinds([failingAtCommit]),
      new ActingForPolicy(),
      new AppliedMutationRepository(),
      server.services.feed,
    );
    await expect(
      sync.push(creator.account, creator.account.id, [
        streamMutation(id, { type: 'cancel', baseVersion: 1 }),
      ]),
    ).rejects.toThrow(/foreign key/);
    expect(listening.heard).toEqual([]);
    expect(await statusOf(id)).toBe('scheduled');

    const [cancelled] = (
      await creator.client.sync.push.mutate({
        mutations: [streamMutation(id, { type: 'cancel', baseVersion: 1 })],
      })
    ).results;
    expect(cancelled).toMatchObject({ status: 'applied', version: 2 });
    expect(listening.heard.map((h) => h.what).sort()).toEqual(['keys changed', 'status cancelled']);
    expect(await Promise.all(listening.heard.map((h) => h.statusInDatabase))).toEqual([
      'cancelled',
      'cancelled',
    ]);
    listening.stop();
  });
});
