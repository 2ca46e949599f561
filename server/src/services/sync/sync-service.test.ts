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
});
afterAll(() => database.close());

/** A kind, for this test only, that writes before it refuses a change: the write must not survive. */
const NOTE_KIND = mutableKind('test_note', z.object({ text: z.string() }));

function syncWith(kinds: SyncedKinds) {
  const feed = new ChangeFeed(database.db, new InProcessPubSub());
  return new SyncService(database.db, kinds, new ActingForPolicy(), new AppliedMutationRepository(), feed);
}

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
});
