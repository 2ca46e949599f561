import { describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { decodePullPage, type Change } from '@shared/domain/sync/protocol';
import type { ServerClient } from '../sync/server-client';
import { realServerSuite } from '../test/real-server-suite';
import { signUpOnServer } from '../test/server-accounts';
import { waitFor, type TestStudio } from '../test/studio-harness';

const { server, openSignedIn } = realServerSuite();
let t: TestStudio | null = null;

const usd = (minor: string) => ({ currency: 'USD' as const, minor });
const forSale = (id: string, minor: string, title = 'Behind the scenes') => ({
  title,
  body: `Body of ${title}`,
  accessRule: { kind: 'purchased' as const, itemId: id },
  price: usd(minor),
});

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

describe('a post price with the real server', () => {
  it('set and changed offline, reaches the server exactly once, sells at that price, and takes a change made on the web', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator);
    await waitFor('online', () => t?.studio.state().sync.state === 'online');

    await server.kill();
    const id = newId();
    await t.posts.create({ id, draft: forSale(id, '450') });
    await t.posts.update({ id, draft: forSale(id, '500') });
    await t.posts.publish({ id });
    await waitFor('offline', () => t?.studio.state().sync.state === 'offline');
    expect((await t.posts.list())[0]).toMatchObject({ id, price: usd('500'), syncState: 'pending' });

    await server.start();
    await waitFor('the post synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    await waitFor('nothing waiting', () => t?.studio.state().sync.pending === 0);
    expect((await t.posts.list())[0]).toMatchObject({ id, price: usd('500'), version: 3 });
    const [onServer] = await creator.api.posts.mine.query();
    expect(onServer).toMatchObject({ id, price: usd('500'), status: 'published', version: 3 });
    // Create, update, publish: each applied once.
    const feed = (await pullAll(creator.api)).filter((c) => c.id === id);
    expect(feed.map((c) => [c.op, (c.data as { version: number; price: unknown }).price])).toEqual([
      ['upsert', usd('450')],
      ['upsert', usd('500')],
      ['upsert', usd('500')],
    ]);

    // A fan pays the price the studio set.
    const fan = await signUpOnServer(server.url, 'fan');
    const bought = await fan.api.purchases.buy.mutate({
      postId: id,
      paymentMethod: 'sandbox_card_4242424242424242',
      idempotencyKey: newId(),
    });
    expect(bought).toMatchObject({ amount: '500', currency: 'USD', owned: true });

    // The price changed on the web reaches the studio.
    await creator.api.posts.update.mutate({ id, baseVersion: 3, draft: forSale(id, '700') });
    await waitFor('the new price', async () => (await t!.posts.list())[0]?.price?.minor === '700');
    expect((await t.posts.list())[0]).toMatchObject({ price: usd('700'), version: 4, syncState: 'synced' });
  });

  it('a price taken away on the web is gone in the studio too, and put back from the studio it reaches the web', async () => {
    const creator = await signUpOnServer(server.url);
    t = await openSignedIn(creator);
    const id = newId();
    await t.posts.create({ id, draft: forSale(id, '450') });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    // On the web the post is opened to everyone and its price taken away; then the studio sells it again.
    await creator.api.posts.update.mutate({
      id,
      baseVersion: 1,
      draft: { title: 'Free', body: 'Body', accessRule: { kind: 'public' }, price: null },
    });
    await waitFor('the web edit', async () => (await t!.posts.list())[0]?.price === null);
    await t.posts.update({ id, draft: forSale(id, '900', 'For sale again') });
    await waitFor('synced', async () => (await t!.posts.list())[0]?.syncState === 'synced');
    expect((await creator.api.posts.mine.query())[0]).toMatchObject({ price: usd('900'), version: 3 });
  });
});
