import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountRegistry } from './accounts/account-registry';
import { accountDatabaseFile } from './accounts/account-session';
import { PostRepository } from './content/post-repository';
import { openDatabase } from './db/connection';
import { studioMigrations } from './db/migrations/studio';
import { createStudio } from './services';
import type { SecretStore } from './secrets/secret-store';
import { TestOnlyMemorySecretStore } from './secrets/test-only-memory-secret-store';
import { Outbox } from './sync/outbox';
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
  it('is ready within 300 ms with local data, before touching the keychain or the network', async () => {
    const studioDb = openDatabase(join(dir.path, 'studio.sqlite'), studioMigrations);
    new AccountRegistry(studioDb).saveAndActivate(ACCOUNT);
    studioDb.close();
    const accountDb = openDatabase(accountDatabaseFile(dir.path, ACCOUNT.id));
    const posts = new PostRepository(accountDb, new Outbox(accountDb), ACCOUNT.id);
    for (let i = 0; i < 500; i++) posts.create(draft(`Post ${i}`));
    accountDb.close();

    const keychainCalls: string[] = [];
    const secretStore: SecretStore = {
      get: async (key) => (keychainCalls.push(key), null),
      set: async () => undefined,
      delete: async () => false,
    };
    const started = performance.now();
    const studio = await createStudio({ dataDir: dir.path, secretStore });
    const readyMs = performance.now() - started;
    const callsWhenReady = keychainCalls.length;
    const list = studio.router.createCaller(studio.createContext()).posts.list();

    console.log(`cold start (open + migrate + ready, 500 posts): ${readyMs.toFixed(1)} ms`);
    expect(readyMs).toBeLessThan(300);
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
      sync: { state: 'signed-out', serverUrl: null, pending: 0, lastSyncedAt: null, lastError: null },
    });
    await expect(api.posts.create({ draft: draft('x') })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    await expect(
      api.posts.create({ draft: { title: 'x', body: '', accessRule: { kind: 'public' } } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^draft\.body: /) });
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

  it('signs in two creators, switches between them and signs one out, keeping its file', async () => {
    const alice = await signUpOnServer(server.url);
    const bob = await signUpOnServer(server.url);
    t = await openTestStudio(dir.path);
    const revisions: number[] = [];
    const changes = await t.api.posts.onChange();
    void (async () => {
      for await (const change of changes) revisions.push(change.revision);
    })();

    const a = await t.api.accounts.signIn({
      serverUrl: `${server.url}/`,
      email: alice.email,
      password: alice.password,
    });
    expect(a).toMatchObject({ id: alice.id, serverUrl: server.url, role: 'creator', handle: alice.handle });
    expect(await t.secrets.get(`${server.url}#${alice.id}`)).toMatch(/.{16,}/);
    const alicePost = await t.api.posts.create({ draft: draft('Alice writes') });

    await t.api.accounts.signIn({ serverUrl: server.url, email: bob.email, password: bob.password });
    expect(t.studio.state()).toMatchObject({ activeAccountId: bob.id });
    expect(await t.api.posts.list()).toEqual([]);

    await t.api.accounts.switch({ accountId: alice.id });
    expect((await t.api.posts.list()).map((p) => p.id)).toEqual([alicePost.id]);
    await waitFor('alice synced', async () => (await t.api.posts.list())[0]?.syncState === 'synced');
    expect(await alice.api.posts.mine.query()).toHaveLength(1);

    const studioToken = await t.secrets.get(`${server.url}#${alice.id}`);
    await t.api.accounts.signOut({ accountId: alice.id });
    expect(t.studio.state()).toMatchObject({ activeAccountId: bob.id, accounts: [{ id: bob.id }] });
    expect(await t.secrets.get(`${server.url}#${alice.id}`)).toBeNull();
    expect(existsSync(accountDatabaseFile(dir.path, alice.id))).toBe(true);
    const revoked = createServerClient({ serverUrl: server.url, token: studioToken });
    await expect(revoked.posts.mine.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await expect(t.api.accounts.switch({ accountId: alice.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(revisions.length).toBeGreaterThanOrEqual(4);
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
  });
});
