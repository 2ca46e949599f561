import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import WebSocket from 'ws';
import type { AppRouter } from './index';
import { decodePullPage, SKIPPED_AFTER_REFUSAL, type Mutation } from '@shared/domain/sync/protocol';
import { createMutation, draft, postMutation } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type TestServer } from '../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function feedOf(accountId: string) {
  return server.db
    .selectFrom('changes')
    .select(['seq', 'op', 'entity_id', 'mutation_id'])
    .where('account_id', '=', accountId)
    .orderBy('seq')
    .execute();
}

/** A creator whose post, created through sync (v1), was then edited on the web (v2). */
async function postEditedOnTheWeb() {
  const { client } = await signUp(server, 'creator');
  const created = createMutation();
  await client.sync.push.mutate({ mutations: [created] });
  await client.posts.update.mutate({
    id: created.entityId,
    baseVersion: 1,
    draft: draft('Edited on the web'),
  });
  return { client, created };
}

describe('sync.push', () => {
  it('applies a retried mutation exactly once when it is sent 5 times in a row', async () => {
    const { client, account } = await signUp(server, 'creator');
    const mutation = createMutation();
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await client.sync.push.mutate({ mutations: [mutation] }));
    expect(responses[0]!.results).toEqual([{ id: mutation.id, status: 'applied', seq: 1, version: 1 }]);
    for (const response of responses.slice(1)) {
      expect(response.results).toEqual([{ id: mutation.id, status: 'duplicate', seq: 1, version: 1 }]);
    }
    expect(await client.posts.mine.query()).toHaveLength(1);
    expect(await feedOf(account.id)).toHaveLength(1);
  });

  it('applies a mutation exactly once when 5 copies arrive at the same time', async () => {
    const { client, account, token } = await signUp(server, 'creator');
    const created = createMutation();
    await client.sync.push.mutate({ mutations: [created] });
    const update = postMutation(created.entityId, {
      type: 'update',
      baseVersion: 1,
      draft: draft('Updated once'),
    });
    // Separate clients so the copies travel as separate HTTP requests.
    const clients = Array.from({ length: 5 }, () => server.client(token));
    const responses = await Promise.all(clients.map((c) => c.sync.push.mutate({ mutations: [update] })));
    const statuses = responses.map((r) => r.results[0]!.status).sort();
    expect(statuses).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const posts = await client.posts.mine.query();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ title: 'Updated once', version: 2 });
    expect((await feedOf(account.id)).map((c) => c.seq)).toEqual([1, 2]);
  });

  it('keeps the feed gap-free under concurrent writes from push and posts.*', async () => {
    const { account, token } = await signUp(server, 'creator');
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        server.client(token).sync.push.mutate({ mutations: [createMutation(`pushed ${i}`)] }),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        server.client(token).posts.create.mutate({ draft: draft(`direct ${i}`) }),
      ),
    ]);
    const seqs = (await feedOf(account.id)).map((c) => c.seq);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const row = await server.db
      .selectFrom('change_feeds')
      .select('last_seq')
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.last_seq).toBe(12);
  });

  it('answers a stale update with conflict and the current post, and a retry with the same answer', async () => {
    const { client, created } = await postEditedOnTheWeb();
    const stale = postMutation(created.entityId, {
      type: 'update',
      baseVersion: 1,
      draft: draft('Offline edit'),
    });
    const first = await client.sync.push.mutate({ mutations: [stale] });
    expect(first.results[0]).toMatchObject({
      id: stale.id,
      status: 'conflict',
      current: { title: 'Edited on the web', version: 2 },
    });
    const retry = await client.sync.push.mutate({ mutations: [stale] });
    expect(retry.results).toEqual(first.results);
  });

  it('rejects what can never apply (unknown post, another creator’s post) and stores the answer', async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const created = createMutation();
    await owner.client.sync.push.mutate({ mutations: [created] });
    const missing = postMutation(uuidv7(), { type: 'publish' });
    const foreign = postMutation(created.entityId, { type: 'delete' });
    const response = await other.client.sync.push.mutate({ mutations: [missing, foreign] });
    expect(response.results).toEqual([
      { id: missing.id, status: 'rejected', code: 'not_found', message: 'Post not found' },
      { id: foreign.id, status: 'rejected', code: 'permission_denied', message: expect.any(String) },
    ]);
    expect((await other.client.sync.push.mutate({ mutations: [missing, foreign] })).results).toEqual(
      response.results,
    );
    expect(await owner.client.posts.mine.query()).toHaveLength(1);
  });

  it('answers each applied mutation with the post version it left, unchanged after a no-op', async () => {
    const { client } = await signUp(server, 'creator');
    const created = createMutation();
    const postId = created.entityId;
    await client.posts.create.mutate({ id: postId, draft: draft('Web first') });
    await client.posts.publish.mutate({ id: postId }); // version 2 on the web
    const publish = postMutation(postId, { type: 'publish' });
    const unpublish = postMutation(postId, { type: 'unpublish' });
    const unpublishAgain = postMutation(postId, { type: 'unpublish' });
    const edit = postMutation(postId, { type: 'update', baseVersion: 3, draft: draft('Edit') });
    const remove = postMutation(postId, { type: 'delete' });
    const removeAgain = postMutation(postId, { type: 'delete' });
    const batch = [publish, unpublish, unpublishAgain, edit, remove, removeAgain];
    const { results } = await client.sync.push.mutate({ mutations: batch });
    expect(
      results.map((r) => [r.status, 'seq' in r ? r.seq : '-', 'version' in r ? r.version : '-']),
    ).toEqual([
      ['applied', null, 2],
      ['applied', 3, 3],
      ['applied', null, 3],
      ['applied', 4, 4],
      ['applied', 5, 5],
      ['applied', null, 5],
    ]);
    const retried = await client.sync.push.mutate({ mutations: batch });
    expect(retried.results).toEqual(results.map((r) => ({ ...r, status: 'duplicate' })));
  });

  it("skips a post's later mutations in the request once one of them meets a conflict", async () => {
    const { client, created } = await postEditedOnTheWeb();
    const other = createMutation('Another post');
    const batch: Mutation[] = [
      postMutation(created.entityId, { type: 'update', baseVersion: 1, draft: draft('Stale edit') }),
      postMutation(created.entityId, { type: 'publish' }),
      other,
    ];
    const { results } = await client.sync.push.mutate({ mutations: batch });
    expect(results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([
      ['conflict', null],
      ['rejected', SKIPPED_AFTER_REFUSAL],
      ['applied', null],
    ]);
    const mine = await client.posts.mine.query();
    expect(mine.find((p) => p.id === created.entityId)).toMatchObject({
      title: 'Edited on the web',
      status: 'draft',
    });
    // A retry answers the same and still applies nothing more.
    const retry = await client.sync.push.mutate({ mutations: batch });
    expect(retry.results.map((r) => r.status)).toEqual(['conflict', 'rejected', 'duplicate']);
    expect((await client.posts.mine.query()).find((p) => p.id === created.entityId)?.status).toBe('draft');
  });

  it("brings back a post the creator deleted when the same creator creates it again; never another creator's", async () => {
    const { client } = await signUp(server, 'creator');
    const created = createMutation('Before the delete');
    await client.sync.push.mutate({ mutations: [created] });
    await client.posts.delete.mutate({ id: created.entityId }); // v2, deleted
    const again = createMutation('Kept from the studio', created.entityId);
    const { results } = await client.sync.push.mutate({ mutations: [again] });
    expect(results).toEqual([{ id: again.id, status: 'applied', seq: 3, version: 3 }]);
    expect(await client.posts.mine.query()).toMatchObject([
      { id: created.entityId, title: 'Kept from the studio', status: 'draft', version: 3 },
    ]);

    const thief = await signUp(server, 'creator');
    await client.posts.delete.mutate({ id: created.entityId });
    const stolen = createMutation('Not yours', created.entityId);
    const refused = await thief.client.sync.push.mutate({ mutations: [stolen] });
    expect(refused.results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
  });

  it('is for creators only', async () => {
    const fan = await signUp(server, 'fan');
    await expect(fan.client.sync.push.mutate({ mutations: [createMutation()] }).catch(codeOf)).resolves.toBe(
      'FORBIDDEN',
    );
  });
});

describe('sync.pull', () => {
  it('pages through the change feed from a cursor', async () => {
    const { client } = await signUp(server, 'creator');
    const mutations = Array.from({ length: 5 }, (_, i) => createMutation(`Post ${i}`));
    await client.sync.push.mutate({ mutations });
    await client.sync.push.mutate({
      mutations: [postMutation(mutations[0]!.entityId, { type: 'delete' })],
    });

    const first = decodePullPage(await client.sync.pull.query({ after: 0, limit: 4 }));
    expect(first.changes.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    expect(first).toMatchObject({ cursor: 4, hasMore: true });
    expect(first.changes[0]).toMatchObject({
      entity: 'post',
      op: 'upsert',
      id: mutations[0]!.entityId,
      data: { title: 'Post 0', version: 1 },
    });
    const second = decodePullPage(await client.sync.pull.query({ after: first.cursor, limit: 4 }));
    expect(second.changes.map((c) => [c.seq, c.op])).toEqual([
      [5, 'upsert'],
      [6, 'delete'],
    ]);
    expect(second.changes[1]!.data).toBeNull();
    expect(second).toMatchObject({ cursor: 6, hasMore: false });
    expect(decodePullPage(await client.sync.pull.query({ after: 6 }))).toEqual({
      changes: [],
      cursor: 6,
      hasMore: false,
    });
  });

  it('shows each account only its own feed', async () => {
    const a = await signUp(server, 'creator');
    const b = await signUp(server, 'creator');
    await a.client.sync.push.mutate({ mutations: [createMutation()] });
    expect(decodePullPage(await b.client.sync.pull.query({ after: 0 })).changes).toEqual([]);
  });
});

describe('GET /sync/feed', () => {
  const feed = (token: string | null, query: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/sync/feed?${query}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });

  it('answers the same page as sync.pull, as one plain JSON document', async () => {
    const { client, token } = await signUp(server, 'creator');
    await client.sync.push.mutate({ mutations: [createMutation('One'), createMutation('Two')] });
    const response = await feed(token, 'after=0&limit=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = (await response.json()) as { cursor: number; hasMore: boolean; changes: unknown[] };
    const viaTrpc = decodePullPage(await client.sync.pull.query({ after: 0, limit: 1 }));
    expect(page).toEqual({ cursor: viaTrpc.cursor, hasMore: viaTrpc.hasMore, changes: viaTrpc.changes });
    expect(page).toMatchObject({
      cursor: 1,
      hasMore: true,
      changes: [{ seq: 1, entity: 'post', op: 'upsert' }],
    });
  });

  it('refuses without a Bearer token (the cookie does not count), with a revoked one, bad input, or another creator', async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const noToken = await feed(null, 'after=0');
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Sign in first' } });
    expect((await feed(null, 'after=0', { cookie: `mesi_session=${owner.token}` })).status).toBe(401);
    expect((await feed('forged.token', 'after=0')).status).toBe(401);
    for (const query of ['after=-1', 'after=abc', 'after=0&limit=50000', 'after=0&creatorId=not-a-uuid']) {
      const bad = await feed(owner.token, query);
      expect(bad.status, query).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code, query).toBe('BAD_REQUEST');
    }
    const foreign = await feed(other.token, `after=0&creatorId=${owner.account.id}`);
    expect(foreign.status).toBe(403);
    const fan = await signUp(server, 'fan');
    expect((await feed(fan.token, 'after=0')).status).toBe(403);
    await owner.client.accounts.signOut.mutate();
    expect((await feed(owner.token, 'after=0')).status).toBe(401);
  });
});

describe('sync.onChange', () => {
  it('yields the current last seq at once, then each new seq as changes commit (over WebSocket)', async () => {
    const { client, token } = await signUp(server, 'creator');
    await client.posts.create.mutate({ draft: draft('Before subscribing') });
    const seen: number[] = [];
    let notify: () => void = () => undefined;
    const subscription = client.sync.onChange.subscribe(undefined, {
      onData: ({ seq }) => {
        seen.push(seq);
        notify();
      },
    });
    const waitFor = (seq: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no seq ${seq}; saw ${seen.join(',')}`)), 10_000);
        notify = () => {
          if (seen.includes(seq)) {
            clearTimeout(timer);
            resolve();
          }
        };
        notify();
      });
    await waitFor(1);
    await server.client(token).sync.push.mutate({ mutations: [createMutation()] });
    await waitFor(2);
    await client.posts.create.mutate({ draft: draft('Direct') });
    await waitFor(3);
    subscription.unsubscribe();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('ends a subscription with UNAUTHORIZED as soon as its session signs out', async () => {
    const { client, token } = await signUp(server, 'creator');
    let received = 0;
    const ended = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the subscription outlived its session')), 10_000);
      const sub = client.sync.onChange.subscribe(undefined, {
        onData: () => {
          received += 1;
          // Signed in and listening: now sign this very session out (over HTTP, as the web app would).
          if (received === 1) void server.client(token).accounts.signOut.mutate();
        },
        onError: (err) => {
          clearTimeout(timer);
          sub.unsubscribe();
          resolve(err);
        },
      });
    });
    expect(codeOf(await ended)).toBe('UNAUTHORIZED');
    expect(received).toBe(1);
  });

  it('treats a session revoked while its WebSocket stays open as signed out on that connection', async () => {
    const { token, account } = await signUp(server, 'creator');
    const ws = createWSClient({
      url: `${server.url.replace(/^http/, 'ws')}/trpc`,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      connectionParams: { token },
    });
    try {
      const overWs = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws })] });
      expect(await overWs.accounts.me.query()).toMatchObject({ id: account.id });
      await server.client(token).accounts.signOut.mutate(); // over HTTP: this connection is not told
      expect(await overWs.accounts.me.query()).toBeNull();
      await expect(overWs.posts.mine.query().catch(codeOf)).resolves.toBe('UNAUTHORIZED');
    } finally {
      await ws.close();
    }
  });

  it('refuses a subscription without a valid token', async () => {
    const error = await new Promise<unknown>((resolve) => {
      const sub = server.client('not-a-token').sync.onChange.subscribe(undefined, {
        onData: () => resolve('data'),
        onError: (err) => {
          resolve(err);
          sub.unsubscribe();
        },
      });
    });
    expect(codeOf(error)).toBe('UNAUTHORIZED');
  });
});
