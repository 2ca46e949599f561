import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountDatabaseFile } from './account-session';
import { draft } from '../test/drafts';
import { signUpOnServer } from '../test/server-accounts';
import { ServerProcess } from '../test/server-process';
import { openTestStudio, waitFor } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';

// Two servers, so that one account can be offline (its server down) while the other is online.
const dirs = [tempDir('mesi-studio-server-a-'), tempDir('mesi-studio-server-b-')];
const [serverA, serverB] = dirs.map((dir) => new ServerProcess({ dataDir: dir.path })) as [
  ServerProcess,
  ServerProcess,
];
const studioDir = tempDir('mesi-studio-two-');

beforeAll(async () => {
  await Promise.all([serverA.start(), serverB.start()]);
});
afterAll(async () => {
  await Promise.all([serverA.kill(), serverB.kill()]);
  for (const dir of [...dirs, studioDir]) dir.remove();
});

describe('several accounts at once', () => {
  it('syncs every signed-in account, one offline while the other is online, and never mixes their data', async () => {
    const alice = await signUpOnServer(serverA.url);
    const bob = await signUpOnServer(serverB.url);
    const t = await openTestStudio(studioDir.path);
    try {
      const a = await t.api.accounts.signIn({
        serverUrl: serverA.url,
        email: alice.email,
        password: alice.password,
      });
      const b = await t.api.accounts.signIn({
        serverUrl: serverB.url,
        email: bob.email,
        password: bob.password,
      });
      const syncOf = (id: string) => t.studio.state().accounts.find((account) => account.id === id)?.sync;
      await waitFor(
        'both online',
        () => syncOf(a.id)?.state === 'online' && syncOf(b.id)?.state === 'online',
      );

      // Bob's server goes down; both keep editing at once, each in their own account.
      await serverB.kill();
      const asAlice = { accountId: a.id };
      const asBob = { accountId: b.id };
      const edits = await Promise.all([
        t.api.posts.create({ ...asAlice, draft: draft('Alice, online') }),
        t.api.posts.create({ ...asBob, draft: draft('Bob, offline') }),
        t.api.profile.update({
          ...asAlice,
          draft: { displayName: 'Alice', bio: 'Alice bio', links: [], accentColor: '#aa0000' },
        }),
        t.api.profile.update({
          ...asBob,
          draft: { displayName: 'Bob', bio: 'Bob bio', links: [], accentColor: '#0000bb' },
        }),
      ]);
      await waitFor('alice synced', () => syncOf(a.id)?.state === 'online' && syncOf(a.id)?.pending === 0);
      await waitFor('bob offline', () => syncOf(b.id)?.state === 'offline');
      expect(syncOf(b.id)).toMatchObject({ pending: 2 });
      expect(await alice.api.posts.mine.query()).toMatchObject([{ title: 'Alice, online' }]);

      await serverB.start();
      await waitFor(
        'bob synced',
        async () => syncOf(b.id)?.state === 'online' && syncOf(b.id)?.pending === 0,
      );

      // Each server holds exactly its own creator's edits; each studio file holds exactly its own account's.
      expect((await alice.api.posts.mine.query()).map((post) => post.title)).toEqual(['Alice, online']);
      expect((await bob.api.posts.mine.query()).map((post) => post.title)).toEqual(['Bob, offline']);
      expect(await alice.api.profiles.mine.query()).toMatchObject({ bio: 'Alice bio', version: 1 });
      expect(await bob.api.profiles.mine.query()).toMatchObject({ bio: 'Bob bio', version: 1 });
      expect((await t.api.posts.list(asAlice)).map((post) => post.id)).toEqual([edits[0].id]);
      expect((await t.api.posts.list(asBob)).map((post) => post.id)).toEqual([edits[1].id]);
      expect(await t.api.profile.get(asBob)).toMatchObject({ bio: 'Bob bio', syncState: 'synced' });
      for (const [account, title] of [
        [a, 'Alice, online'],
        [b, 'Bob, offline'],
      ] as const) {
        const file = new Database(accountDatabaseFile(studioDir.path, account.id), { readonly: true });
        expect(file.prepare('SELECT title FROM posts').pluck().all()).toEqual([title]);
        file.close();
      }
    } finally {
      await t.studio.close();
    }
  });
});
