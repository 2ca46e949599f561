import { describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import type { PostDraft, PostMedia, PostSnapshot } from '@shared/domain/posts/post';
import { decodePullPage, type Change } from '@shared/domain/sync/protocol';
import type { ServerClient } from '../sync/server-client';
import { realServerSuite } from '../test/real-server-suite';
import { signUpOnServer } from '../test/server-accounts';
import { waitFor, type TestStudio } from '../test/studio-harness';

const { server, openStudio, openSignedIn } = realServerSuite();

/** Every change of the creator's feed about one post, as the server wrote them. */
async function feedOf(api: ServerClient, postId: string): Promise<PostSnapshot[]> {
  const changes: Change[] = [];
  let after = 0;
  for (;;) {
    const page = decodePullPage(await api.sync.pull.query({ after, limit: 1000 }));
    changes.push(...page.changes);
    after = page.cursor;
    if (!page.hasMore) return changes.filter((c) => c.id === postId).map((c) => c.data as PostSnapshot);
  }
}

const postOf = async (t: TestStudio, id: string) => (await t.posts.list()).find((p) => p.id === id);
const synced = (t: TestStudio, id: string) =>
  waitFor('the post synced', async () => (await postOf(t, id))?.syncState === 'synced');
const nothingWaiting = (t: TestStudio) =>
  waitFor('nothing waiting', () => t.studio.state().sync.pending === 0);

// Items not uploaded yet: a post may name them (its uploads are on their way); publishing waits for them.
const [A, B, C] = [newId(), newId(), newId()];
const trip = (media: PostMedia[], more: Partial<PostDraft> = {}): PostDraft => ({
  title: 'Trip',
  body: 'Three photos',
  accessRule: { kind: 'public' },
  media,
  ...more,
});

describe('posts with media and schedules, with the real server', () => {
  it('a post with three captioned items, reordered offline, reaches the server once per change, in order', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    await waitFor('online', () => t.studio.state().sync.state === 'online');

    await server.kill();
    const id = newId();
    await t.posts.create({
      id,
      draft: trip([
        { mediaId: A, caption: 'Arrival' },
        { mediaId: B, caption: 'The beach' },
        { mediaId: C, caption: 'Leaving' },
      ]),
    });
    const reordered = [
      { mediaId: C, caption: 'Leaving, first' },
      { mediaId: A, caption: 'Arrival' },
      { mediaId: B, caption: '' },
    ];
    await t.posts.update({ id, draft: trip(reordered) });
    await waitFor('offline', () => t.studio.state().sync.state === 'offline');
    expect(await postOf(t, id)).toMatchObject({ media: reordered, syncState: 'pending' });

    await server.start();
    await synced(t, id);
    await nothingWaiting(t);
    expect(await postOf(t, id)).toMatchObject({ media: reordered, version: 2 });
    const [onServer] = await creator.api.posts.mine.query();
    expect(onServer).toMatchObject({ id, media: reordered, version: 2 });
    // The create and the update, each once.
    expect(
      (await feedOf(creator.api, id)).map((post) => [post.version, post.media?.map((m) => m.mediaId)]),
    ).toEqual([
      [1, [A, B, C]],
      [2, [C, A, B]],
    ]);
  });

  it('scheduled offline: the server answers scheduled; moved to a moment away, it is published and expired on time, and the studio follows', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    await waitFor('online', () => t.studio.state().sync.state === 'online');

    await server.kill();
    const id = newId();
    const soon = { title: 'Soon', body: 'Out in a moment', accessRule: { kind: 'public' as const } };
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await t.posts.create({ id, draft: { ...soon, publishAt: inAnHour, timeZone: 'Europe/Paris' } });
    expect(await t.posts.publish({ id })).toMatchObject({ status: 'scheduled', publishedAt: null });

    await server.start();
    await synced(t, id);
    await nothingWaiting(t);
    expect(await postOf(t, id)).toMatchObject({ status: 'scheduled', publishAt: inAnHour, version: 2 });
    expect((await creator.api.posts.mine.query())[0]).toMatchObject({
      id,
      status: 'scheduled',
      publishAt: inAnHour,
    });

    // Moved to a few seconds from now, with an expiry a few seconds later: the server's scheduler runs both.
    const publishAt = new Date(Date.now() + 6_000).toISOString();
    const expiresAt = new Date(Date.now() + 12_000).toISOString();
    await t.posts.update({ id, draft: { ...soon, publishAt, expiresAt, timeZone: 'Europe/Paris' } });
    await waitFor(
      'published by the server',
      async () => (await postOf(t, id))?.status === 'published',
      40_000,
    );
    const published = await postOf(t, id);
    expect(published).toMatchObject({ syncState: 'synced', publishAt, expiresAt });
    expect(Date.parse(published!.publishedAt!)).toBeGreaterThanOrEqual(Date.parse(publishAt));
    await waitFor('expired by the server', async () => (await postOf(t, id))?.status === 'expired', 40_000);
    expect(await postOf(t, id)).toMatchObject({ syncState: 'synced', version: 5 });
    // The studio's three changes once each (create, publish: scheduled, the new times), then the scheduler's two.
    expect((await feedOf(creator.api, id)).map((post) => [post.version, post.status])).toEqual([
      [1, 'draft'],
      [2, 'scheduled'],
      [3, 'scheduled'],
      [4, 'published'],
      [5, 'expired'],
    ]);
  });

  it('a conflict over the media keeps both versions, and keeping mine puts my media on the server', async () => {
    const creator = await signUpOnServer(server.url);
    let t = await openSignedIn(creator);
    const id = newId();
    await t.posts.create({ id, draft: trip([{ mediaId: A, caption: 'One' }]) });
    await synced(t, id);
    const secrets = t.secrets;
    await t.studio.close();

    // Meanwhile, on the web: other media.
    const theirs = [{ mediaId: C, caption: 'From the web' }];
    await creator.api.posts.update.mutate({ id, baseVersion: 1, draft: trip(theirs, { title: 'Web trip' }) });
    await server.stop();

    t = await openStudio({ secrets });
    const mine = [
      { mediaId: A, caption: 'One' },
      { mediaId: B, caption: 'Two, from the studio' },
    ];
    await t.posts.update({ id, draft: trip(mine) });
    await server.start();
    await waitFor('the conflict', async () => (await postOf(t, id))?.syncState === 'conflict');
    expect(await postOf(t, id)).toMatchObject({
      title: 'Trip',
      media: mine,
      serverVersion: { title: 'Web trip', media: theirs, version: 2 },
    });

    await t.posts.resolveConflict({ id, keep: 'mine' });
    await t.syncNow();
    await synced(t, id);
    expect((await creator.api.posts.mine.query())[0]).toMatchObject({
      id,
      title: 'Trip',
      media: mine,
      version: 3,
    });
    expect(await postOf(t, id)).toMatchObject({ media: mine, version: 3, serverVersion: null });
  });
});
