import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import type { PostSnapshot } from '@shared/domain/posts/post';
import { draft, postMutation } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type TestServer } from '../test/test-server';
import { insertMedia, setMediaStatus } from '../services/posts/test/media-rows';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const withMedia = (title: string, media: { mediaId: string; caption: string }[]) => ({
  ...draft(title),
  media,
});

/** The post snapshots the creator's change feed holds for one post, oldest first. */
async function fed(creatorId: string, postId: string): Promise<PostSnapshot[]> {
  const rows = await server.db
    .selectFrom('changes')
    .select('data')
    .where('account_id', '=', creatorId)
    .where('entity_id', '=', postId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as PostSnapshot);
}

describe('posts with media', () => {
  it('keeps the media set in order with captions, replaces it on update, in snapshots, posts.mine and the feed', async () => {
    const { client, account } = await signUp(server, 'creator');
    const [a, b, c] = [newId(), newId(), newId()];
    await insertMedia(server.db, { id: a, creatorId: account.id, status: 'ready' });
    // b is not on the server yet (its upload has not started): a draft may name it.
    await insertMedia(server.db, { id: c, creatorId: account.id, status: 'processing' });
    const first = [
      { mediaId: c, caption: 'Third taken, first shown' },
      { mediaId: a, caption: '' },
      { mediaId: b, caption: 'Still on its way' },
    ];
    const created = await client.posts.create.mutate({ draft: withMedia('Gallery', first) });
    expect(created.media).toEqual(first);

    const second = [
      { mediaId: b, caption: 'Now first' },
      { mediaId: c, caption: 'Second' },
    ];
    const updated = await client.posts.update.mutate({
      id: created.id,
      baseVersion: 1,
      draft: withMedia('Gallery', second),
    });
    expect(updated.media).toEqual(second);
    expect((await client.posts.mine.query())[0]!.media).toEqual(second);
    const stored = await server.db
      .selectFrom('post_media')
      .select(['position', 'media_id', 'caption'])
      .where('post_id', '=', created.id)
      .orderBy('position')
      .execute();
    expect(stored).toEqual([
      { position: 0, media_id: b, caption: 'Now first' },
      { position: 1, media_id: c, caption: 'Second' },
    ]);

    // Publishing changes the status only: the feed's snapshot still carries the media.
    await insertMedia(server.db, { id: b, creatorId: account.id, status: 'ready' });
    await setMediaStatus(server.db, c, 'ready');
    await client.posts.publish.mutate({ id: created.id });
    expect((await fed(account.id, created.id)).map((post) => [post.status, post.media])).toEqual([
      ['draft', first],
      ['draft', second],
      ['published', second],
    ]);

    // An older studio's draft has no media field: the post then has none.
    const textOnly = await client.posts.update.mutate({
      id: created.id,
      baseVersion: 3,
      draft: draft('Text only'),
    });
    expect(textOnly.media).toEqual([]);
  });

  it("refuses a draft naming another creator's media item, on the media field, and writes nothing", async () => {
    const owner = await signUp(server, 'creator');
    const thief = await signUp(server, 'creator');
    const theirs = await insertMedia(server.db, { creatorId: owner.account.id, status: 'ready' });
    const error = await thief.client.posts.create
      .mutate({ draft: withMedia('Borrowed', [{ mediaId: theirs, caption: '' }]) })
      .catch((err: unknown) => err);
    expect(codeOf(error)).toBe('BAD_REQUEST');
    expect((error as Error).message).toBe("media: a media item in this post is another creator's");
    expect(await thief.client.posts.mine.query()).toEqual([]);

    const own = await thief.client.posts.create.mutate({ draft: draft('Mine') });
    await expect(
      thief.client.posts.update
        .mutate({ id: own.id, baseVersion: 1, draft: withMedia('Mine', [{ mediaId: theirs, caption: '' }]) })
        .catch(codeOf),
    ).resolves.toBe('BAD_REQUEST');
    expect((await thief.client.posts.mine.query())[0]).toMatchObject({ version: 1, media: [] });
  });

  it('refuses to publish at once while media is uploading or processing, saying how many', async () => {
    const { client, account } = await signUp(server, 'creator');
    const ready = await insertMedia(server.db, { creatorId: account.id, status: 'ready' });
    const processing = await insertMedia(server.db, { creatorId: account.id, status: 'processing' });
    const notUploaded = newId();
    const post = await client.posts.create.mutate({
      draft: withMedia('Too soon', [
        { mediaId: ready, caption: '' },
        { mediaId: processing, caption: '' },
        { mediaId: notUploaded, caption: '' },
      ]),
    });
    const error = await client.posts.publish.mutate({ id: post.id }).catch((err: unknown) => err);
    expect(codeOf(error)).toBe('PRECONDITION_FAILED');
    expect((error as Error).message).toMatch(/^2 of 3 media items are still uploading or processing/);
    expect((await client.posts.mine.query())[0]).toMatchObject({ status: 'draft', version: 1 });

    await setMediaStatus(server.db, processing, 'failed');
    await expect(client.posts.publish.mutate({ id: post.id })).rejects.toThrow(
      '1 media item could not be processed: upload it again or remove it from the post',
    );
    await setMediaStatus(server.db, processing, 'ready');
    await insertMedia(server.db, { id: notUploaded, creatorId: account.id, status: 'ready' });
    expect(await client.posts.publish.mutate({ id: post.id })).toMatchObject({ status: 'published' });
  });

  it("answers a studio's stale update with the server's post, media included", async () => {
    const { client, account } = await signUp(server, 'creator');
    const item = await insertMedia(server.db, { creatorId: account.id, status: 'ready' });
    const media = [{ mediaId: item, caption: 'On the web' }];
    const post = await client.posts.create.mutate({ draft: draft('Synced') });
    await client.posts.update.mutate({ id: post.id, baseVersion: 1, draft: withMedia('Edited', media) });
    const stale = postMutation(post.id, { type: 'update', baseVersion: 1, draft: draft('Stale') });
    const { results } = await client.sync.push.mutate({ mutations: [stale] });
    expect(results[0]).toMatchObject({ status: 'conflict', current: { version: 2, media } });
  });

  it('syncs a studio post naming media whose upload has not finished, with its schedule fields', async () => {
    const { client } = await signUp(server, 'creator');
    const id = newId();
    const pending = newId();
    const create = postMutation(id, {
      type: 'create',
      draft: {
        ...withMedia('From the studio', [{ mediaId: pending, caption: 'uploading' }]),
        publishAt: '2031-05-01T08:00:00.000+02:00',
        expiresAt: '2031-06-01T08:00:00.000+02:00',
        timeZone: 'Europe/Paris',
      },
    });
    expect((await client.sync.push.mutate({ mutations: [create] })).results[0]).toMatchObject({
      status: 'applied',
    });
    expect((await client.posts.mine.query())[0]).toMatchObject({
      id,
      media: [{ mediaId: pending, caption: 'uploading' }],
      publishAt: '2031-05-01T06:00:00.000Z',
      expiresAt: '2031-06-01T06:00:00.000Z',
      timeZone: 'Europe/Paris',
    });
  });
});
