import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import type { AccessRule } from '@shared/domain/access/rule';
import { sandboxPaymentMethod } from '../adapters/payments/sandbox-rail';
import { insertMedia } from '../services/posts/test/media-rows';
import { draft } from '../test/post-drafts';
import { signUp, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

const CARD_OK = sandboxPaymentMethod('4242424242424242');
const clock = new ManualClock('2026-04-02T09:00:00.000Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

const SIGNED = /^\/media\/[0-9a-f-]{36}\/[a-z]+\.[a-z0-9]+\?exp=\d+&sig=[A-Za-z0-9_-]+$/;

async function newCreator() {
  const c = await signUp(server, 'creator');
  return { id: c.account.id, handle: c.account.handle!, client: c.client };
}
type Creator = Awaited<ReturnType<typeof newCreator>>;

async function publishWithMedia(
  creator: Creator,
  title: string,
  rule: (id: string) => AccessRule,
  mediaIds: string[],
  price: string | null = null,
) {
  const id = newId();
  await creator.client.posts.create.mutate({
    id,
    draft: {
      ...draft(title, rule(id), `The body of ${title}`),
      price: price === null ? null : { currency: 'USD', minor: price },
      media: mediaIds.map((mediaId, i) => ({ mediaId, caption: `caption ${i}` })),
    },
  });
  await creator.client.posts.publish.mutate({ id });
  return id;
}

async function entry(viewer: ServerClient, creator: Creator, postId: string) {
  const page = await viewer.creators.page.query({ handle: creator.handle });
  const found = page.posts.find((post) => post.id === postId);
  if (!found) throw new Error(`post ${postId} is not on the page`);
  return found;
}

/** Every URL an object carries, wherever it is. */
const urlsIn = (value: unknown): string[] =>
  JSON.stringify(value)
    .match(/"\/media\/[^"]*"/g)
    ?.map((quoted) => JSON.parse(quoted) as string) ?? [];

describe('media on the creator page', () => {
  it('signs the items of a post the viewer may open, and only shows thumbs and previews of a locked one', async () => {
    const creator = await newCreator();
    const video = await insertMedia(server.db, {
      creatorId: creator.id,
      status: 'ready',
      durationMs: 3_600_000,
    });
    const photo = await insertMedia(server.db, { creatorId: creator.id, kind: 'photo', status: 'ready' });
    const gated = await publishWithMedia(
      creator,
      'Subscribers or buyers',
      (id) => ({ kind: 'any', rules: [{ kind: 'subscriber' }, { kind: 'purchased', itemId: id }] }),
      [photo, video],
      '500',
    );
    const tier = await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Gold', rank: 1, monthlyPrice: '1000' },
    });

    const subscriber = await signUp(server, 'fan');
    await subscriber.client.subscriptions.subscribe.mutate({
      handle: creator.handle,
      tierId: tier.id,
      interval: 'month',
      paymentMethod: CARD_OK,
      idempotencyKey: newId(),
    });
    const buyer = await signUp(server, 'fan');
    await buyer.client.purchases.buy.mutate({
      postId: gated,
      paymentMethod: CARD_OK,
      idempotencyKey: newId(),
    });
    const follower = await signUp(server, 'fan');
    await follower.client.creators.follow.mutate({ handle: creator.handle });

    for (const [who, viewer] of [
      ['subscriber', subscriber.client],
      ['buyer', buyer.client],
      ['creator', creator.client],
    ] as const) {
      const open = await entry(viewer, creator, gated);
      expect(open.access, who).toBe('open');
      if (open.access !== 'open') continue;
      expect(
        open.media.map((m) => [m.id, m.kind, m.caption]),
        who,
      ).toEqual([
        [photo, 'photo', 'caption 0'],
        [video, 'video', 'caption 1'],
      ]);
      const [openPhoto, openVideo] = open.media;
      expect(openPhoto).toMatchObject({
        width: 1280,
        height: 720,
        durationMs: null,
        thumbUrl: `/media/${photo}/thumb.webp`,
        previewUrl: `/media/${photo}/preview.webp`,
      });
      expect(openPhoto!.fullUrl).toMatch(SIGNED);
      expect(openPhoto!.fullUrl).toContain(`/media/${photo}/full.webp?`);
      expect(openPhoto!.posterUrl).toContain(`/media/${photo}/full.jpg?`);
      expect(openVideo!.fullUrl).toContain(`/media/${video}/full.mp4?`);
      expect(openVideo!.posterUrl).toContain(`/media/${video}/poster.webp?`);
      // A photo's URL lasts 10 minutes; an hour of video's twice its length.
      const expOf = (url: string) => Number(new URL(url, 'http://x').searchParams.get('exp')) * 1000;
      expect(expOf(openPhoto!.fullUrl)).toBe(clock.now().getTime() + 10 * 60_000);
      expect(expOf(openVideo!.fullUrl)).toBe(clock.now().getTime() + 2 * 3_600_000);
    }

    for (const [who, viewer] of [
      ['follower', follower.client],
      ['anonymous visitor', server.client()],
    ] as const) {
      const locked = await entry(viewer, creator, gated);
      expect(locked.access, who).toBe('locked');
      expect(locked.media, who).toEqual([
        {
          id: photo,
          kind: 'photo',
          caption: 'caption 0',
          width: 1280,
          height: 720,
          durationMs: null,
          thumbUrl: `/media/${photo}/thumb.webp`,
          previewUrl: `/media/${photo}/preview.webp`,
        },
        {
          id: video,
          kind: 'video',
          caption: 'caption 1',
          width: 1280,
          height: 720,
          durationMs: 3_600_000,
          thumbUrl: `/media/${video}/thumb.webp`,
          previewUrl: `/media/${video}/preview.mp4`,
        },
      ]);
      // Nothing signed anywhere on a page that shows the post locked.
      const page = await viewer.creators.page.query({ handle: creator.handle });
      expect(
        urlsIn(page).filter((url) => url.includes('sig=')),
        who,
      ).toEqual([]);
    }
  });

  it("shows only ready items of the creator's own, in order", async () => {
    const creator = await newCreator();
    const someoneElse = await newCreator();
    const ready = await insertMedia(server.db, { creatorId: creator.id, status: 'ready' });
    const processing = await insertMedia(server.db, { creatorId: creator.id, status: 'processing' });
    const failed = await insertMedia(server.db, { creatorId: creator.id, status: 'failed' });
    const audio = await insertMedia(server.db, { creatorId: creator.id, kind: 'audio', status: 'ready' });
    const postId = await publishWithMedia(creator, 'Public', () => ({ kind: 'public' }), [audio, ready]);
    // Items that went wrong after the post went out (or another creator's item written in by hand) never show.
    const theirs = await insertMedia(server.db, { creatorId: someoneElse.id, status: 'ready' });
    await server.db
      .insertInto('post_media')
      .values([
        { post_id: postId, position: 2, media_id: processing, caption: '' },
        { post_id: postId, position: 3, media_id: failed, caption: '' },
        { post_id: postId, position: 4, media_id: theirs, caption: '' },
        { post_id: postId, position: 5, media_id: newId(), caption: '' },
      ])
      .execute();

    const open = await entry(server.client(), creator, postId);
    if (open.access !== 'open') throw new Error('a public post is open to anyone');
    expect(open.media.map((m) => m.id)).toEqual([audio, ready]);
    // Audio has no thumb or poster.
    expect(open.media[0]).toMatchObject({
      thumbUrl: null,
      posterUrl: null,
      previewUrl: `/media/${audio}/preview.m4a`,
    });
    expect(open.media[0]!.fullUrl).toContain(`/media/${audio}/full.m4a?`);
  });
});
