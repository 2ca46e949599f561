import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileDraft, ProfileMutation, ProfileSnapshot } from '@shared/domain/profile/profile';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { applyAnswers } from '../sync/apply-answers';
import { applyPage } from '../sync/apply-page';
import { Outbox } from '../sync/outbox';
import { StudioKinds } from '../sync/synced-kind';
import { tempDir } from '../test/temp-dir';
import type { ProfileEditor } from './profile-editor';
import { openProfile } from './profile-feature';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000cc',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'Sign-up Name',
  role: 'creator' as const,
};
const draft = (bio: string): ProfileDraft => ({
  displayName: 'Mara',
  bio,
  links: [],
  accentColor: '#336699',
});
const server = (version: number, bio: string): ProfileSnapshot => ({
  creatorId: ACCOUNT.id,
  ...draft(bio),
  version,
  updatedAt: '2026-12-01T00:00:00.000Z',
});

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let outbox: Outbox;
let profile: ProfileEditor;
let kinds: StudioKinds;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  outbox = new Outbox(db);
  const opened = openProfile({ db, outbox, account: ACCOUNT });
  profile = opened.editor;
  kinds = new StudioKinds([opened.kind]);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const waiting = () => outbox.peek(100).map((e) => (e.mutation as ProfileMutation).change.baseVersion);
const answer = (version: number) => {
  const [entry] = outbox.peek(1);
  const mutation = entry!.mutation;
  applyAnswers(
    db,
    outbox,
    kinds,
    [mutation],
    [{ id: mutation.id, status: 'applied', seq: version, version }],
  );
};

describe('the profile in the studio', () => {
  it('starts from the account with nothing queued, then queues each save over the version before it', () => {
    expect(profile.get()).toMatchObject({ displayName: 'Sign-up Name', version: 0, syncState: 'synced' });
    expect(waiting()).toEqual([]);
    profile.update(draft('one'));
    profile.update(draft('two'));
    expect(waiting()).toEqual([0, 1]);
    expect(profile.get()).toMatchObject({ bio: 'two', version: 2, syncState: 'pending' });
  });

  it('bases the next waiting save on the version the server answered, which a web edit in between moved', () => {
    profile.update(draft('one'));
    profile.update(draft('two'));
    // The server had a web edit first: the first save lands as version 2, not 1.
    applyPage(
      db,
      kinds,
      [{ seq: 1, entity: 'profile', op: 'upsert', id: ACCOUNT.id, data: server(1, 'web') }],
      1,
    );
    answer(2);
    expect(waiting()).toEqual([2]);
    expect(profile.get()).toMatchObject({ bio: 'two', version: 3, syncState: 'pending' });
  });

  it('takes a pulled profile only when nothing of the creator waits, and keeps a conflict side by side', () => {
    applyPage(
      db,
      kinds,
      [{ seq: 1, entity: 'profile', op: 'upsert', id: ACCOUNT.id, data: server(1, 'web') }],
      1,
    );
    expect(profile.get()).toMatchObject({ bio: 'web', version: 1, syncState: 'synced' });

    profile.update(draft('mine'));
    applyPage(
      db,
      kinds,
      [{ seq: 2, entity: 'profile', op: 'upsert', id: ACCOUNT.id, data: server(2, 'web again') }],
      2,
    );
    expect(profile.get()).toMatchObject({ bio: 'mine', syncState: 'pending' });

    const [entry] = outbox.peek(1);
    applyAnswers(
      db,
      outbox,
      kinds,
      [entry!.mutation],
      [{ id: entry!.mutation.id, status: 'conflict', current: server(2, 'web again') }],
    );
    expect(waiting()).toEqual([]);
    expect(profile.get()).toMatchObject({
      bio: 'mine',
      syncState: 'conflict',
      serverVersion: { bio: 'web again' },
    });
    expect(profile.resolveConflict('mine')).toMatchObject({ bio: 'mine', version: 3, syncState: 'pending' });
    expect(waiting()).toEqual([2]);
  });
});
