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

  it('keeps a price with the post, in its snapshot and its feed entry, and takes it away again', async () => {
    const { client, account } = await signUp(server, 'creator');
    const id = uuidv7();
    const price = { currency: 'USD' as const, minor: '450' };
    const forSale = { ...draft('For sale', { kind: 'purchased', itemId: id }), price };
    expect(await client.posts.create.mutate({ id, draft: forSale })).toMatchObject({ id, price });
    // An older client's draft has no price: the post has none either.
    expect((await client.posts.create.mutate({ draft: draft('Free') })).price).toBeNull();
    const subscribersOrBuyers = {
      kind: 'any' as const,
      rules: [{ kind: 'subscriber' as const }, { kind: 'purchased' as const, itemId: id }],
    };
    const dearer = await client.posts.update.mutate({
      id,
      baseVersion: 1,
      draft: { ...draft('For sale', subscribersOrBuyers), price: { currency: 'USD', minor: '100000' } },
    });
    expect(dearer).toMatchObject({ version: 2, price: { minor: '100000' } });
    const free = await client.posts.update.mutate({ id, baseVersion: 2, draft: draft('Free now') });
    expect(free.price).toBeNull();

    const fed = await server.db
      .selectFrom('changes')
      .select('data')
      .where('account_id', '=', account.id)
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(fed.map((c) => (c.data as { price: unknown }).price)).toEqual([
      price,
      { currency: 'USD', minor: '100000' },
      null,
    ]);
  });

  it('refuses a price and a rule that do not fit, naming the field, and writes nothing', async () => {
    const { client } = await signUp(server, 'creator');
    const id = uuidv7();
    const price = { currency: 'USD' as const, minor: '500' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { ...draft('Priced', { kind: 'subscriber' }), price },
        /accessRule: a post with a price must let its buyers in: add purchased\(/,
      ],
      [
        { ...draft('Priced', { kind: 'purchased', itemId: uuidv7() }), price },
        /accessRule: a post with a price/,
      ],
      [
        draft('Unpriced', { kind: 'purchased', itemId: id }),
        /price: a post its buyers can open needs a price/,
      ],
      [
        { ...draft('Cheap', { kind: 'purchased', itemId: id }), price: { currency: 'USD', minor: '49' } },
        /price is at least \$0\.50/,
      ],
      [
        { ...draft('Dear', { kind: 'purchased', itemId: id }), price: { currency: 'USD', minor: '100001' } },
        /price is at most \$1000\.00/,
      ],
      [
        { ...draft('Float', { kind: 'purchased', itemId: id }), price: { currency: 'USD', minor: '4.50' } },
        /price must be a whole number of cents/,
      ],
      [
        { ...draft('Coins', { kind: 'purchased', itemId: id }), price: { currency: 'MESI', minor: '500' } },
        /a post is priced in USD/,
      ],
    ];
    for (const [bad, message] of cases) {
      const error = await client.posts.create.mutate({ id, draft: bad as never }).catch((e: unknown) => e);
      expect(codeOf(error), JSON.stringify(bad)).toBe('BAD_REQUEST');
      expect(String(error), JSON.stringify(bad)).toMatch(message);
    }
    expect(await client.posts.mine.query()).toEqual([]);

    // And on an update: the post keeps its price and rule.
    const post = await client.posts.create.mutate({
      id,
      draft: { ...draft('Priced', { kind: 'purchased', itemId: id }), price },
    });
    await expect(
      client.posts.update.mutate({ id, baseVersion: post.version, draft: { ...draft('Priced'), price } }),
    ).rejects.toThrow(/accessRule: a post with a price must let its buyers in/);
    await expect(
      client.posts.update.mutate({
        id,
        baseVersion: post.version,
        draft: draft('Priced', { kind: 'purchased', itemId: id }),
      }),
    ).rejects.toThrow(/price: a post its buyers can open needs a price/);
    expect(await client.posts.mine.query()).toEqual([post]);
  });
});
