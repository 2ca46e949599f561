import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountRegistry } from './accounts/account-registry';
import { accountDatabaseFile } from './accounts/account-session';
import { openDatabase } from './db/connection';
import { studioMigrations } from './db/migrations/studio';
import { createStudio } from './services';
import type { ChangedEvent } from './sync/sync-router';
import type { SecretStore } from './secrets/secret-store';
import { TestOnlyMemorySecretStore } from './secrets/test-only-memory-secret-store';
import { Outbox } from './sync/outbox';
import { PostEditor } from './posts/post-editor';
import { PostTable } from './posts/post-table';
import { createServerClient } from './sync/server-client';
import { draft } from './test/drafts';
import { signUpOnServer } from './test/server-accounts';
import { ServerProcess } from './test/server-process';
import { openTestStudio, waitFor, type TestStudio } from './test/studio-harness';
import { tempDir } from './test/temp-dir';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000aa',
  serverUrl: 'http://127.0.0.1:9',
  email: 'creator@example.test',
  handle: 'creator',
  displayName: 'Creator',
  role: 'creator' as const,
};

describe('createStudio', () => {
  // How fast it is ready is measured by `npm run bench` (bench/studio-cold-start.ts), not asserted here.
  it('is ready with local data before touching the keychain or the network', async () => {
    const studioDb = openDatabase(join(dir.path, 'studio.sqlite'), studioMigrations);
    new AccountRegistry(studioDb).saveAndActivate(ACCOUNT);
    studioDb.close();
    const accountDb = openDatabase(accountDatabaseFile(dir.path, ACCOUNT.id));
    const posts = new PostEditor(accountDb, new PostTable(accountDb), new Outbox(accountDb), ACCOUNT.id);
    for (let i = 0; i < 500; i++) posts.create(draft(`Post ${i}`));
    accountDb.close();

    const keychainCalls: string[] = [];
    const secretStore: SecretStore = {
      get: async (key) => (keychainCalls.push(key), null),
      set: async () => undefined,
      delete: async () => false,
    };
    const studio = await createStudio({ dataDir: dir.path, secretStore });
    const callsWhenReady = keychainCalls.length;
    const list = studio.router.createCaller(studio.createContext()).posts.list({ accountId: ACCOUNT.id });

    expect(callsWhenReady).toBe(0);
    expect(await list).toHaveLength(500);
    expect(studio.state()).toMatchObject({ activeAccountId: ACCOUNT.id, sync: { pending: 500 } });
    // Then, in the background: no token on this computer, so it stays offline and says why.
    await waitFor('offline', () => studio.state().sync.state === 'offline');
    expect(studio.state().sync.lastError).toMatch(/sign in again/);
    await studio.close();
  });

  it('starts signed out on a fresh data folder and works offline with no account', async () => {
    const studio = await createStudio({ dataDir: dir.path, secretStore: new TestOnlyMemorySecretStore() });
    const api = studio.router.createCaller(studio.createContext());
    expect(await api.studio.state()).toEqual({
      accounts: [],
      activeAccountId: null,
      localServerUrl: null,
      sync: { state: 'signed-out', serverUrl: null, pending: 0, lastSyncedAt: null, lastError: null },
    });
    await expect(api.posts.create({ accountId: 'nobody', draft: draft('x') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Account nobody is not signed in to this studio',
    });
    await studio.close();
  });
});

describe('accounts', () => {
  const serverDir = tempDir('mesi-studio-server-');
  const server = new ServerProcess({ dataDir: serverDir.path });
  let t: TestStudio;
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.kill();
    serverDir.remove();
  });
  afterEach(async () => {
    await t?.studio.close();
  });

  it('signs in two creators and keeps both syncing; switching only chooses what the screens show', async () => {
    const alice = await signUpOnServer(server.url);
    const bob = await signUpOnServer(server.url);
    t = await openTestStudio(dir.path);
    const changed: ChangedEvent[] = [];
    const stream = await t.api.sync.onChanged();
    void (async () => {
      for await (const event of stream) changed.push(event);
    })();

    const a = await t.api.accounts.signIn({
      serverUrl: `${server.url}/`,
      email: alice.email,
      password: alice.password,
    });
    expect(a).toMatchObject({ id: alice.id, serverUrl: server.url, role: 'creator', handle: alice.handle });
    expect(await t.secrets.get(`${server.url}#${alice.id}`)).toMatch(/.{16,}/);
    const alicePost = await t.posts.create({ draft: draft('Alice writes') });
    await expect(
      t.posts.create({ draft: { title: 'x', body: '', accessRule: { kind: 'public' } } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^draft\.body: /) });

    await t.api.accounts.signIn({ serverUrl: server.url, email: bob.email, password: bob.password });
    expect(t.studio.state()).toMatchObject({ activeAccountId: bob.id });
    expect(await t.posts.list()).toEqual([]);
    // Alice is not shown, yet her post still reaches the server.
    await waitFor('alice synced', async () => (await alice.api.posts.mine.query()).length === 1);
    expect(t.studio.state().accounts.map((account) => [account.id, account.sync.state])).toEqual(
      expect.arrayContaining([
        [alice.id, expect.stringMatching(/online|syncing/)],
        [bob.id, expect.stringMatching(/online|syncing|connecting/)],
      ]),
    );
    expect(changed).toContainEqual({ accountId: alice.id, entity: 'post', ids: [alicePost.id] });

    await t.api.accounts.switch({ accountId: alice.id });
    expect((await t.posts.list()).map((p) => p.id)).toEqual([alicePost.id]);
    await waitFor('alice synced', async () => (await t.posts.list())[0]?.syncState === 'synced');

    const studioToken = await t.secrets.get(`${server.url}#${alice.id}`);
    await t.api.accounts.signOut({ accountId: alice.id });
    expect(t.studio.state()).toMatchObject({ activeAccountId: bob.id, accounts: [{ id: bob.id }] });
    expect(await t.secrets.get(`${server.url}#${alice.id}`)).toBeNull();
    expect(existsSync(accountDatabaseFile(dir.path, alice.id))).toBe(true);
    const revoked = createServerClient({ serverUrl: server.url, token: studioToken });
    await expect(revoked.posts.mine.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await expect(t.api.accounts.switch({ accountId: alice.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.api.posts.list({ accountId: alice.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
