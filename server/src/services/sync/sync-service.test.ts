import { sql } from 'kysely';
import { newId } from '@shared/domain/ids';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@shared/domain/errors';
import { mutableKind, serverOnlyKind } from '@shared/domain/sync/kind';
import { NOT_MUTABLE } from '@shared/domain/sync/protocol';
import { InProcessPubSub } from '../../adapters/pubsub';
import type { DatabaseHandle } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { openTestDatabase } from '../../test/test-server';
import { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import { AppliedMutationRepository } from './applied-mutation-repository';
import { ChangeFeed } from './change-feed';
import { syncedKind, SyncedKinds } from './synced-kind';
import { SyncService } from './sync-service';

let database: DatabaseHandle;
let creator: AccountView;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateToLatest(database.db);
  const id = newId();
  creator = {
    id,
    email: `${id}@example.test`,
    handle: `c_${id.slice(-8)}`,
    displayName: 'C',
    role: 'creator',
  };
  await database.db
    .insertInto('accounts')
    .values({
      id,
      email: creator.email,
      handle: creator.handle,
      display_name: 'C',
      role: 'creator',
      password_hash: 'x',
    })
    .execute();
  // A foreign key checked only at COMMIT: a row pointing nowhere makes the commit itself fail.
  await sql`CREATE TABLE commit_probe_parent (id int PRIMARY KEY)`.execute(database.db);
  await sql`
    CREATE TABLE commit_probe_child (
      parent_id int REFERENCES commit_probe_parent (id) DEFERRABLE INITIALLY DEFERRED
    )
  `.execute(database.db);
});
afterAll(() => database.close());

/** A kind, for this test only, that writes before it refuses a change: the write must not survive. */
const NOTE_KIND = mutableKind('test_note', z.object({ text: z.string() }));

function syncWith(kinds: SyncedKinds, log?: (line: string) => void) {
  const feed = new ChangeFeed(database.db, new InProcessPubSub());
  return new SyncService(
    database.db,
    kinds,
    new ActingForPolicy(),
    new AppliedMutationRepository(),
    feed,
    log,
  );
}

const FAILS_AT_COMMIT = 'fails at commit';
const THROWS_AFTER_COMMIT = 'throws after commit';

/**
 * A note kind that announces each note after commit, as a real kind tells fans or relays. Its "fails at
 * commit" note also writes a row whose deferred foreign key is only checked at COMMIT, which then fails: the
 * handler returned, the transaction rolled back, as when the database is cut at that moment.
 */
function announcingNotes(announced: { id: string; committedRows: Promise<number> }[]) {
  const feed = new ChangeFeed(database.db, new InProcessPubSub());
  return new SyncedKinds([
    syncedKind({
      spec: NOTE_KIND,
      scope: 'content',
      async apply({ trx, ownerId, entityId, change, mutationId }) {
        const seq = await feed.append(
          trx,
          ownerId,
          { entity: 'test_note', op: 'upsert', id: entityId, data: change },
          mutationId,
        );
        if (change.text === FAILS_AT_COMMIT)
          await sql`INSERT INTO commit_probe_child (parent_id) VALUES (1)`.execute(trx);
        return {
          seq,
          version: 1,
          afterCommit: () => {
            if (change.text === THROWS_AFTER_COMMIT) throw new Error('the pubsub is gone');
            // Read from outside the transaction: the note is there only if it committed first.
            const committedRows = changesOf(entityId);
            announced.push({ id: entityId, committedRows });
          },
        };
      },
    }),
  ]);
}

async function changesOf(entityId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM changes WHERE account_id = ${creator.id} AND entity_id = ${entityId}
  `.execute(database.db);
  return rows[0]?.n ?? 0;
}

const note = (text: string) => ({ id: newId(), entity: 'test_note', entityId: newId(), change: { text } });

describe('sync.push with any kind', () => {
  it('leaves the data as it was when a kind refuses after writing, and keeps the answer for a retry', async () => {
    const kinds = new SyncedKinds([
      syncedKind({
        spec: NOTE_KIND,
        scope: 'content',
        async apply({ trx, ownerId, entityId, change }) {
          await new ChangeFeed(database.db, new InProcessPubSub()).append(
            trx,
            ownerId,
            { entity: 'test_note', op: 'upsert', id: entityId, data: change },
            null,
          );
          if (change.text === 'refuse') throw new ValidationError('no, not this one', 'text');
          return { seq: 1, version: 1 };
        },
      }),
    ]);
    const sync = syncWith(kinds);
    const mutation = { id: newId(), entity: 'test_note', entityId: newId(), change: { text: 'refuse' } };
    const first = await sync.push(creator, creator.id, [mutation]);
    expect(first.results).toEqual([
      { id: mutation.id, status: 'rejected', code: 'validation', message: 'no, not this one' },
    ]);
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM changes WHERE account_id = ${creator.id}`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
    expect((await sync.push(creator, creator.id, [mutation])).results).toEqual(first.results);
  });

  it('refuses a handler for a kind only the server writes, and mutations of kinds it does not take', async () => {
    expect(
      () =>
        new SyncedKinds([
          syncedKind({
            spec: serverOnlyKind('tip'),
            scope: 'finance',
            apply: async () => ({ seq: null, version: 0 }),
          }),
        ]),
    ).toThrow(/written by the server only/);
    const sync = syncWith(new SyncedKinds([]));
    const tip = { id: newId(), entity: 'tip', entityId: newId(), change: { amount: 1 } };
    expect((await sync.push(creator, creator.id, [tip])).results[0]).toMatchObject({
      status: 'rejected',
      code: NOT_MUTABLE,
    });
  });

  it('announces a change only once its transaction has committed', async () => {
    const announced: { id: string; committedRows: Promise<number> }[] = [];
    const sync = syncWith(announcingNotes(announced));
    const first = note('hello');
    const second = note('again');
    const { results } = await sync.push(creator, creator.id, [first, second]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(announced.map((a) => a.id)).toEqual([first.entityId, second.entityId]);
    expect(await Promise.all(announced.map((a) => a.committedRows))).toEqual([1, 1]);
    // A retry is answered from what was stored: the change was announced once, when it was made.
    expect((await sync.push(creator, creator.id, [first])).results[0]?.status).toBe('duplicate');
    expect(announced).toHaveLength(2);
  });

  it('announces nothing when the transaction rolls back after the kind applied the change', async () => {
    const announced: { id: string; committedRows: Promise<number> }[] = [];
    const sync = syncWith(announcingNotes(announced));
    const doomed = note(FAILS_AT_COMMIT);
    await expect(sync.push(creator, creator.id, [doomed])).rejects.toThrow(/foreign key/);
    expect(announced).toEqual([]);
    expect(await changesOf(doomed.entityId)).toBe(0);
    // Nothing of it stayed, not even the claim: a later try is applied (and announced) as new.
    await sql`INSERT INTO commit_probe_parent (id) VALUES (1)`.execute(database.db);
    expect((await sync.push(creator, creator.id, [doomed])).results[0]?.status).toBe('applied');
    expect(announced.map((a) => a.id)).toEqual([doomed.entityId]);
    await sql`DELETE FROM commit_probe_child`.execute(database.db);
    await sql`DELETE FROM commit_probe_parent`.execute(database.db);
  });

  it('logs an announcement that throws, and the push still answers applied for it and the rest', async () => {
    const announced: { id: string; committedRows: Promise<number> }[] = [];
    const logged: string[] = [];
    const sync = syncWith(announcingNotes(announced), (line) => logged.push(line));
    const throwing = note(THROWS_AFTER_COMMIT);
    const next = note('after it');
    const { results } = await sync.push(creator, creator.id, [throwing, next]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await changesOf(throwing.entityId)).toBe(1);
    expect(announced.map((a) => a.id)).toEqual([next.entityId]);
    expect(logged).toEqual([
      expect.stringMatching(
        new RegExp(
          `^sync.push test_note ${throwing.entityId}: announcing after commit failed: Error: the pubsub is gone`,
        ),
      ),
    ]);
  });
});
