import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type TestServer } from '../test/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('posts', () => {
  it('creates a draft with the id the studio chose, then updates, publishes, unpublishes and deletes it', async () => {
    const { client, account } = await signUp(server, 'creator');
    const id = uuidv7();
    const created = await client.posts.create.mutate({ id, draft: draft('Hello') });
    expect(created).toMatchObject({ id, creatorId: account.id, title: 'Hello', status: 'draft', version: 1 });
    expect(created.publishedAt).toBeNull();

    const updated = await client.posts.update.mutate({ id, baseVersion: 1, draft: draft('Hello again') });
    expect(updated).toMatchObject({ title: 'Hello again', version: 2 });

    const published = await client.posts.publish.mutate({ id });
    expect(published).toMatchObject({ status: 'published', version: 3 });
    expect(published.publishedAt).not.toBeNull();

    const unpublished = await client.posts.unpublish.mutate({ id });
    expect(unpublished).toMatchObject({ status: 'draft', version: 4 });
    const republished = await client.posts.publish.mutate({ id });
    // The first publication date stays.
    expect(republished.publishedAt).toBe(published.publishedAt);

    expect(await client.posts.mine.query()).toEqual([republished]);
    expect(await client.posts.delete.mutate({ id })).toEqual({ ok: true });
    expect(await client.posts.mine.query()).toEqual([]);
    const row = await server.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    await expect(client.posts.publish.mutate({ id }).catch(codeOf)).resolves.toBe('NOT_FOUND');
  });

  it('appends one change-feed entry per accepted change, a delete as a delete', async () => {
    const { client, account } = await signUp(server, 'creator');
    const post = await client.posts.create.mutate({ draft: draft('Fed') });
    await client.posts.update.mutate({ id: post.id, baseVersion: 1, draft: draft('Fed 2') });
    await client.posts.publish.mutate({ id: post.id });
    await client.posts.publish.mutate({ id: post.id }); // already published: nothing changes
    await client.posts.delete.mutate({ id: post.id });
    const changes = await server.db
      .selectFrom('changes')
      .select(['seq', 'op', 'entity_id'])
      .where('account_id', '=', account.id)
      .orderBy('seq')
      .execute();
    expect(changes.map((c) => [c.seq, c.op])).toEqual([
      [1, 'upsert'],
      [2, 'upsert'],
      [3, 'upsert'],
      [4, 'delete'],
    ]);
  });

  it('refuses an update based on an old version with CONFLICT and keeps the post as it was', async () => {
    const { client } = await signUp(server, 'creator');
    const post = await client.posts.create.mutate({ draft: draft('Original') });
    await client.posts.update.mutate({ id: post.id, baseVersion: 1, draft: draft('Second') });
    const stale = await client.posts.update
      .mutate({ id: post.id, baseVersion: 1, draft: draft('Stale') })
      .catch((err: unknown) => err);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect((await client.posts.mine.query())[0]).toMatchObject({ title: 'Second', version: 2 });
  });

  it('lets only creators write posts, and only their own', async () => {
    const fan = await signUp(server, 'fan');
    await expect(fan.client.posts.create.mutate({ draft: draft('Nope') }).catch(codeOf)).resolves.toBe(
      'FORBIDDEN',
    );
    await expect(fan.client.posts.mine.query().catch(codeOf)).resolves.toBe('FORBIDDEN');

    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const post = await owner.client.posts.create.mutate({ draft: draft('Mine') });
    for (const attempt of [
      () => other.client.posts.update.mutate({ id: post.id, baseVersion: 1, draft: draft('Hijacked') }),
      () => other.client.posts.publish.mutate({ id: post.id }),
      () => other.client.posts.delete.mutate({ id: post.id }),
    ]) {
      await expect(attempt().catch(codeOf)).resolves.toBe('FORBIDDEN');
    }
    expect((await owner.client.posts.mine.query())[0]).toMatchObject({ title: 'Mine', version: 1 });
    await expect(server.client().posts.mine.query().catch(codeOf)).resolves.toBe('UNAUTHORIZED');
  });

  it('refuses a second post with an existing id', async () => {
    const { client } = await signUp(server, 'creator');
    const post = await client.posts.create.mutate({ draft: draft('First') });
    await expect(
      client.posts.create.mutate({ id: post.id, draft: draft('Again') }).catch(codeOf),
    ).resolves.toBe('CONFLICT');
  });

  it('rejects an invalid draft naming the field, and writes nothing', async () => {
    const { client } = await signUp(server, 'creator');
    await expect(
      client.posts.create.mutate({ draft: { title: 'x', body: '   ', accessRule: { kind: 'public' } } }),
    ).rejects.toThrow(/draft\.body: body must not be empty/);
    expect(await client.posts.mine.query()).toEqual([]);
  });
});
