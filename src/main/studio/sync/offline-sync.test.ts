import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ProfileDraft } from '@shared/domain/profile/profile';
import { decodePullPage, type Change } from '@shared/domain/sync/protocol';
import { signUpOnServer } from '../test/server-accounts';
import { draft } from '../test/drafts';
import { waitFor, type TestStudio } from '../test/studio-harness';
import { realServerSuite } from '../test/real-server-suite';
import { createServerClient, type ServerClient } from './server-client';

const { server, studioDir, openStudio, openSignedIn } = realServerSuite();
let t: TestStudio | null = null;

function profileDraft(bio: string): ProfileDraft {
  return { displayName: 'Mara Offline', bio, links: [], accentColor: '#336699' };
}

async function pullAll(api: ServerClient): Promise<Change[]> {
  const changes: Change[] = [];
  let after = 0;
  for (;;) {
    const page = decodePullPage(await api.sync.pull.query({ after, limit: 1000 }));
    changes.push(...page.changes);
    after = page.cursor;
    if (!page.hasMore) return changes;
  }
}

describe('sync with the real server', () => {
  it('delivers a post created offline exactly once when the server comes back', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator);
    await waitFor('online', () => t?.studio.state().sync.state === 'online');

    await server.kill();
    const post = await t.posts.create({ draft: draft('Written on a plane') });
    await waitFor('offline', () => t?.studio.state().sync.state === 'offline');
    expect(t.studio.state().sync).toMatchObject({
      pending: 1,
      lastError: expect.stringMatching(/unreachable/),
    });
    expect((await t.posts.list())[0]).toMatchObject({ id: post.id, syncState: 'pending' });

    await server.start();
    await waitFor('the post synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    await waitFor('online', () => t?.studio.state().sync.state === 'online');
    expect(t.studio.state().sync).toMatchObject({
      pending: 0,
      lastError: null,
      lastSyncedAt: expect.any(String),
    });

    const mine = await creator.api.posts.mine.query();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: post.id, title: 'Written on a plane', version: 1 });
    const feed = await pullAll(creator.api);
    expect(feed.map((c) => [c.op, c.id])).toEqual([['upsert', post.id]]);
  });

  it('pulls in pages and resumes from the saved cursor after a restart', async () => {
    const creator = await signUpOnServer(server.url);
    for (let i = 0; i < 7; i++) await creator.api.posts.create.mutate({ draft: draft(`Server post ${i}`) });
    const pulls: number[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname === '/sync/feed') pulls.push(Number(url.searchParams.get('after')));
      return globalThis.fetch(input, init);
    };
    const sync = { pageSize: 3, live: false };
    t = await openSignedIn(creator, { fetch, sync });
    await waitFor('7 posts', async () => (await t!.posts.list()).length === 7);
    await waitFor('online', () => t?.studio.state().sync.state === 'online');
    expect(pulls).toEqual([0, 3, 6]);

    const secrets = t.secrets;
    await t.studio.close();
    await creator.api.posts.create.mutate({ draft: draft('While the studio was closed') });
    pulls.length = 0;
    t = await openStudio({ fetch, sync, secrets });
    expect(await t.posts.list()).toHaveLength(7); // local data before any network
    await waitFor('8 posts', async () => (await t!.posts.list()).length === 8);
    expect(pulls[0]).toBe(7);
    expect((await t.posts.list()).every((p) => p.syncState === 'synced')).toBe(true);
  });

  it('keeps both versions on a conflict and resolves either way', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator);
    const a = await t.posts.create({ draft: draft('A') });
    const b = await t.posts.create({ draft: draft('B') });
    await waitFor('both synced', async () => (await t!.posts.list()).every((p) => p.syncState === 'synced'));
    const secrets = t.secrets;
    await t.studio.close();

    // Meanwhile, on the web: both posts edited on the server.
    await creator.api.posts.update.mutate({ id: a.id, baseVersion: 1, draft: draft('A from the web') });
    await creator.api.posts.update.mutate({ id: b.id, baseVersion: 1, draft: draft('B from the web') });
    await server.stop();

    t = await openStudio({ secrets });
    await t.posts.update({ id: a.id, draft: draft('A from the studio') });
    await t.posts.update({ id: b.id, draft: draft('B from the studio') });
    await server.start();
    await waitFor('two conflicts', async () =>
      (await t!.posts.list()).every((p) => p.syncState === 'conflict'),
    );

    const conflicted = await t.posts.list();
    const localA = conflicted.find((p) => p.id === a.id);
    expect(localA).toMatchObject({ title: 'A from the studio', syncState: 'conflict' });
    expect(localA?.serverVersion).toMatchObject({ title: 'A from the web', version: 2 });
    expect(t.studio.state().sync.pending).toBe(0);

    expect(await t.posts.resolveConflict({ id: a.id, keep: 'server' })).toMatchObject({
      title: 'A from the web',
      version: 2,
      syncState: 'synced',
      serverVersion: null,
    });
    await t.posts.resolveConflict({ id: b.id, keep: 'mine' });
    await t.syncNow();
    await waitFor('B synced', async () => (await t!.posts.list()).every((p) => p.syncState === 'synced'));

    const onServer = await creator.api.posts.mine.query();
    expect(onServer.find((p) => p.id === a.id)).toMatchObject({ title: 'A from the web', version: 2 });
    expect(onServer.find((p) => p.id === b.id)).toMatchObject({ title: 'B from the studio', version: 3 });
    expect((await t.posts.list()).find((p) => p.id === b.id)).toMatchObject({
      title: 'B from the studio',
      version: 3,
    });
  });

  it("does not publish the server's version when the edit queued before the publish meets a conflict", async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator, { sync: { live: false } });
    const post = await t.posts.create({ draft: draft('Original') });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    const secrets = t.secrets;
    await t.studio.close();
    await creator.api.posts.update.mutate({
      id: post.id,
      baseVersion: 1,
      draft: draft('Web draft, not for fans'),
    });
    await server.stop();

    t = await openStudio({ secrets, sync: { live: false } });
    await t.posts.update({ id: post.id, draft: draft('Studio version to publish') });
    await t.posts.publish({ id: post.id });
    await server.start();
    await t.syncNow();
    await waitFor('the conflict', async () => (await t!.posts.list())[0]?.syncState === 'conflict');

    const [onServer] = await creator.api.posts.mine.query();
    expect(onServer).toMatchObject({ title: 'Web draft, not for fans', status: 'draft', version: 2 });
    expect((await t.posts.list())[0]).toMatchObject({
      syncState: 'conflict',
      title: 'Studio version to publish',
    });
    expect(t.studio.state().sync.pending).toBe(0);
  });

  it("keeps the creator's version on the server when they choose it over a delete made elsewhere", async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator, { sync: { live: false } });
    const post = await t.posts.create({ draft: draft('Original') });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    await creator.api.posts.update.mutate({ id: post.id, baseVersion: 1, draft: draft('Web edit') });
    await t.posts.update({ id: post.id, draft: draft('Studio edit') });
    await waitFor('the conflict', async () => (await t!.posts.list())[0]?.syncState === 'conflict');
    await creator.api.posts.delete.mutate({ id: post.id });
    await t.syncNow();

    await t.posts.resolveConflict({ id: post.id, keep: 'mine' });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    expect(await creator.api.posts.mine.query()).toMatchObject([{ id: post.id, title: 'Studio edit' }]);
    expect((await t.posts.list())[0]).toMatchObject({ title: 'Studio edit', syncError: null });
  });

  it('marks a post rejected, with the reason, when the server refuses its change for good', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator);
    const post = await t.posts.create({ draft: draft('Soon gone on the server') });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    const secrets = t.secrets;
    await t.studio.close();
    await creator.api.posts.delete.mutate({ id: post.id });
    await server.stop();

    t = await openStudio({ secrets });
    await t.posts.update({ id: post.id, draft: draft('Edited after the web deleted it') });
    await server.start();
    await waitFor('rejected', async () => (await t!.posts.list())[0]?.syncState === 'rejected');
    expect((await t.posts.list())[0]).toMatchObject({
      title: 'Edited after the web deleted it',
      syncError: expect.stringMatching(/.+/),
    });
    expect(t.studio.state().sync.pending).toBe(0);
    await t.posts.delete({ id: post.id });
    expect(await t.posts.list()).toEqual([]);
  });

  it('rejects the one mutation the server refuses as malformed and still delivers the rest', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openStudio();
    const account = await t.api.accounts.signIn({
      serverUrl: server.url,
      email: creator.email,
      password: creator.password,
    });
    await waitFor('online', () => t?.studio.state().sync.state === 'online');
    const secrets = t.secrets;
    await server.stop();
    const bad = await t.posts.create({ draft: draft('Will be garbled') });
    const good = await t.posts.create({ draft: draft('Queued behind it') });
    await t.studio.close();

    // An outbox entry the server's validation refuses (as one written by an older or broken studio would be).
    const db = new Database(join(studioDir(), 'accounts', `${account.id}.sqlite`));
    const row = db.prepare('SELECT id, mutation FROM outbox WHERE entity_id = ?').get(bad.id) as {
      id: string;
      mutation: string;
    };
    const mutation = JSON.parse(row.mutation) as { change: object };
    const garbled = {
      ...mutation,
      change: { ...mutation.change, draft: { ...draft('x'), title: 'x'.repeat(10_000) } },
    };
    db.prepare('UPDATE outbox SET mutation = ? WHERE id = ?').run(JSON.stringify(garbled), row.id);
    db.close();

    await server.start();
    t = await openStudio({ secrets });
    await waitFor('the good post synced', async () =>
      (await t!.posts.list()).some((p) => p.id === good.id && p.syncState === 'synced'),
    );
    expect(t.studio.state().sync.pending).toBe(0);
    const local = await t.posts.list();
    expect(local.find((p) => p.id === good.id)).toMatchObject({ syncState: 'synced' });
    expect(local.find((p) => p.id === bad.id)).toMatchObject({
      syncState: 'rejected',
      syncError: expect.stringMatching(/refused/),
    });
    expect((await creator.api.posts.mine.query()).map((p) => p.id)).toEqual([good.id]);
  });

  it('holds back only the post the server fails on, delivers the others, and retries it later', async () => {
    const creator = await signUpOnServer(server.url);
    let failing = true;
    let failures = 0;
    // The real server, except that it answers 500 to any push carrying this title (a server-side bug).
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (failing && url.includes('/sync.push') && String(init?.body ?? '').includes('Trips the server')) {
        failures += 1;
        const error = {
          message: 'boom',
          code: -32603,
          data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 },
        };
        const body = url.includes('batch=1') ? [{ error }] : { error };
        return new Response(JSON.stringify(body), {
          status: 500,
          headers: { 'content-type': 'application/json' },
        });
      }
      return globalThis.fetch(input, init);
    };
    t = await openSignedIn(creator, { fetch, sync: { live: false } });
    await waitFor('online', () => t?.studio.state().sync.state === 'online');

    // Made back to back, so they usually go in one batch: the failing one first.
    const bad = await t.posts.create({ draft: draft('Trips the server') });
    const good = await t.posts.create({ draft: draft('Goes through') });
    await t.syncNow();
    await waitFor('the good post on the server', async () =>
      (await creator.api.posts.mine.query()).some((p) => p.id === good.id),
    );
    expect((await creator.api.posts.mine.query()).map((p) => p.id)).toEqual([good.id]);
    expect(failures).toBeGreaterThanOrEqual(2); // the batch, then the one mutation alone
    expect((await t.posts.list()).find((p) => p.id === bad.id)).toMatchObject({ syncState: 'pending' });
    await waitFor('the failure reported', () =>
      t?.studio.state().sync.lastError?.includes('server had a problem'),
    );

    failing = false; // the server is fixed: the next retry delivers it
    await waitFor('the held post synced', async () =>
      (await t!.posts.list()).every((p) => p.syncState === 'synced'),
    );
    expect((await creator.api.posts.mine.query()).map((p) => p.id).sort()).toEqual([bad.id, good.id].sort());
  });

  it('stops retrying and asks to sign in again when the server revokes the session', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openStudio();
    const account = await t.api.accounts.signIn({
      serverUrl: server.url,
      email: creator.email,
      password: creator.password,
    });
    await waitFor('online', () => t?.studio.state().sync.state === 'online');
    const token = await t.secrets.get(`${server.url}#${account.id}`);
    await createServerClient({ serverUrl: server.url, token }).accounts.signOut.mutate();

    await t.posts.create({ draft: draft('After the session ended') });
    await waitFor('offline', () => t?.studio.state().sync.state === 'offline');
    expect(t.studio.state().sync).toMatchObject({ lastError: 'Session expired — sign in again', pending: 1 });
  });

  it('delivers a profile edited offline exactly once, and the fan page shows it', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator);
    await waitFor('online', () => t?.studio.state().sync.state === 'online');
    expect(await t.profile.get()).toMatchObject({
      displayName: expect.stringMatching(/^Studio /),
      version: 0,
    });

    await server.kill();
    const edited = await t.profile.update({ draft: profileDraft('Written offline') });
    expect(edited).toMatchObject({ bio: 'Written offline', syncState: 'pending', version: 1 });
    await waitFor('offline', () => t?.studio.state().sync.state === 'offline');
    expect(t.studio.state().sync.pending).toBe(1);

    await server.start();
    await waitFor('the profile synced', async () => (await t!.profile.get()).syncState === 'synced');
    expect(await creator.api.profiles.mine.query()).toMatchObject({
      ...profileDraft('Written offline'),
      version: 1,
    });
    const page = await createServerClient({ serverUrl: server.url }).creators.page.query({
      handle: creator.handle,
    });
    expect(page.creator).toMatchObject({
      displayName: 'Mara Offline',
      bio: 'Written offline',
      accentColor: '#336699',
    });
    const feed = await pullAll(creator.api);
    expect(feed.filter((c) => c.entity === 'profile').map((c) => c.op)).toEqual(['upsert']);
  });

  it('keeps both profiles on a conflict, and resolves it either way', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator, { sync: { live: false } });
    await waitFor('online', () => t?.studio.state().sync.state === 'online');
    const secrets = t.secrets;
    await t.studio.close();
    await creator.api.profiles.update.mutate({ baseVersion: 0, draft: profileDraft('From the web') });
    await server.stop();

    t = await openStudio({ secrets, sync: { live: false } });
    await t.profile.update({ draft: profileDraft('From the studio') });
    await server.start();
    await t.syncNow();
    await waitFor('the conflict', async () => (await t!.profile.get()).syncState === 'conflict');
    expect(await t.profile.get()).toMatchObject({
      bio: 'From the studio',
      serverVersion: { bio: 'From the web', version: 1 },
    });
    expect(t.studio.state().sync.pending).toBe(0);

    await t.profile.resolveConflict({ keep: 'mine' });
    await waitFor('synced', async () => (await t!.profile.get()).syncState === 'synced');
    expect(await creator.api.profiles.mine.query()).toMatchObject({ bio: 'From the studio', version: 2 });

    // And the other way: a web edit meets a studio edit again, the creator keeps the server's.
    await creator.api.profiles.update.mutate({ baseVersion: 2, draft: profileDraft('Web, again') });
    await t.profile.update({ draft: profileDraft('Studio, again') });
    await t.syncNow();
    await waitFor('the second conflict', async () => (await t!.profile.get()).syncState === 'conflict');
    expect(await t.profile.resolveConflict({ keep: 'server' })).toMatchObject({
      bio: 'Web, again',
      version: 3,
      syncState: 'synced',
    });
    expect(await creator.api.profiles.mine.query()).toMatchObject({ bio: 'Web, again', version: 3 });
  });

  it('refuses fan accounts and unknown passwords with clear errors', async () => {
    const fan = await signUpOnServer(server.url, 'fan');
    t = await openStudio();
    await expect(
      t.api.accounts.signIn({ serverUrl: server.url, email: fan.email, password: fan.password }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/fan account/) });
    await expect(
      t.api.accounts.signIn({ serverUrl: server.url, email: fan.email, password: 'wrong-password' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(t.studio.state()).toMatchObject({
      accounts: [],
      activeAccountId: null,
      sync: { state: 'signed-out' },
    });
  });
});
