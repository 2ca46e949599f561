import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRule } from '@shared/domain/access/rule';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { sandboxPaymentMethod } from '../adapters/payments/sandbox-rail';
import { insertMedia } from '../services/posts/test/media-rows';
import { makeJpegWithGps, metadataFor, settledMedia, tusUpload } from '../services/media/test/media-fixtures';
import { draft, postMutation } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

const CARD_OK = sandboxPaymentMethod('4242424242424242');
const HOUR = 3_600_000;
// On a whole second, as signed URLs' expiries are.
const clock = new ManualClock(new Date(Math.floor(Date.parse('2026-05-04T10:00:00.000Z') / 1000) * 1000));
let server: TestServer;
const dir = mkdtempSync(path.join(tmpdir(), 'mesi-posts-media-attacks-'));
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type Account = Awaited<ReturnType<typeof signUp>>;
type Page = Awaited<ReturnType<ServerClient['creators']['page']['query']>>;

/** Every signed URL (one carrying `sig=`) anywhere in a value. */
const signedUrlsIn = (value: unknown): string[] =>
  (JSON.stringify(value).match(/"\/media\/[^"]*"/g) ?? [])
    .map((quoted) => JSON.parse(quoted) as string)
    .filter((url) => url.includes('sig='));

/** A photo uploaded through tus and processed by the server: its media id. */
async function uploadedPhoto(owner: Account, name: string): Promise<string> {
  const file = path.join(dir, name);
  await makeJpegWithGps(file, 640, 480);
  const metadata = metadataFor(file, 'photo', name);
  expect((await tusUpload(server.url, file, { token: owner.token, metadata })).error).toBeNull();
  expect((await settledMedia(owner.client, metadata.mediaId)).status).toBe('ready');
  return metadata.mediaId;
}

/** Creates a post with one media item and a price if given; returns its id (a draft). */
async function postWith(
  owner: Account,
  title: string,
  rule: (id: string) => AccessRule,
  mediaId: string,
  extra: { price?: string; publishAt?: string; expiresAt?: string } = {},
): Promise<string> {
  const id = newId();
  await owner.client.posts.create.mutate({
    id,
    draft: {
      ...draft(title, rule(id), `Body of ${title}`),
      price: extra.price ? { currency: 'USD', minor: extra.price } : null,
      media: [{ mediaId, caption: `Caption of ${title}` }],
      publishAt: extra.publishAt ?? null,
      expiresAt: extra.expiresAt ?? null,
      timeZone: 'Europe/Paris',
    },
  });
  return id;
}

describe('the creator page, by role, for posts with media', () => {
  let creator: Account;
  const posts: Record<string, string> = {};
  const media: Record<string, string> = {};
  const viewers: Record<string, () => ServerClient> = {};
  const openFor: Record<string, readonly string[]> = {
    anonymous: ['public'],
    fan: ['public'],
    follower: ['public', 'followers'],
    subscriber: ['public', 'followers', 'subscribers'],
    buyer: ['public', 'ppv'],
    'another creator': ['public'],
    'the creator': ['public', 'followers', 'subscribers', 'ppv'],
  };
  const shown = ['public', 'followers', 'subscribers', 'ppv'];
  const hidden = ['draft', 'scheduled', 'expired', 'unpublished', 'deleted'];

  beforeAll(async () => {
    creator = await signUp(server, 'creator');
    const handle = creator.account.handle!;
    media.followers = await uploadedPhoto(creator, 'followers.jpg');
    for (const name of ['public', 'subscribers', 'ppv', ...hidden]) {
      media[name] = await insertMedia(server.db, { creatorId: creator.account.id, status: 'ready' });
    }
    const now = clock.now().getTime();
    const at = (ms: number) => new Date(now + ms).toISOString();
    posts.public = await postWith(creator, 'Public post', () => ({ kind: 'public' }), media.public!);
    posts.followers = await postWith(
      creator,
      'Followers post',
      () => ({ kind: 'follower' }),
      media.followers,
    );
    posts.subscribers = await postWith(
      creator,
      'Subscribers post',
      () => ({ kind: 'subscriber' }),
      media.subscribers!,
    );
    posts.ppv = await postWith(creator, 'PPV post', (id) => ({ kind: 'purchased', itemId: id }), media.ppv!, {
      price: '500',
    });
    posts.draft = await postWith(creator, 'Draft secret', () => ({ kind: 'public' }), media.draft!);
    posts.scheduled = await postWith(
      creator,
      'Scheduled secret',
      () => ({ kind: 'public' }),
      media.scheduled!,
      {
        publishAt: at(24 * HOUR),
      },
    );
    posts.expired = await postWith(creator, 'Expired secret', () => ({ kind: 'public' }), media.expired!, {
      expiresAt: at(HOUR),
    });
    posts.unpublished = await postWith(
      creator,
      'Unpublished secret',
      () => ({ kind: 'public' }),
      media.unpublished!,
    );
    posts.deleted = await postWith(creator, 'Deleted secret', () => ({ kind: 'public' }), media.deleted!);
    for (const name of [
      'public',
      'followers',
      'subscribers',
      'ppv',
      'scheduled',
      'expired',
      'unpublished',
      'deleted',
    ]) {
      expect((await creator.client.posts.publish.mutate({ id: posts[name]! })).status, name).toBe(
        name === 'scheduled' ? 'scheduled' : 'published',
      );
    }
    await creator.client.posts.unpublish.mutate({ id: posts.unpublished! });
    await creator.client.posts.delete.mutate({ id: posts.deleted! });

    const tier = await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Gold', rank: 1, monthlyPrice: '1000' },
    });
    const [fan, follower, subscriber, buyer, rival] = await Promise.all([
      signUp(server, 'fan'),
      signUp(server, 'fan'),
      signUp(server, 'fan'),
      signUp(server, 'fan'),
      signUp(server, 'creator'),
    ]);
    await follower.client.creators.follow.mutate({ handle });
    await subscriber.client.subscriptions.subscribe.mutate({
      handle,
      tierId: tier.id,
      interval: 'month',
      paymentMethod: CARD_OK,
      idempotencyKey: newId(),
    });
    await buyer.client.purchases.buy.mutate({
      postId: posts.ppv!,
      paymentMethod: CARD_OK,
      idempotencyKey: newId(),
    });
    viewers.anonymous = () => server.client();
    viewers.fan = () => fan.client;
    viewers.follower = () => follower.client;
    viewers.subscriber = () => subscriber.client;
    viewers.buyer = () => buyer.client;
    viewers['another creator'] = () => rival.client;
    viewers['the creator'] = () => creator.client;
    // The expired post's time passes (its job may not have run yet: the page hides it by its time alone).
    clock.advance(2 * HOUR);
  });

  const pageFor = (who: string): Promise<Page> =>
    viewers[who]!().creators.page.query({ handle: creator.account.handle! });

  it('signs exactly the items of the posts each role may open, and nothing else anywhere on the page', async () => {
    for (const [who, open] of Object.entries(openFor)) {
      const page = await pageFor(who);
      const byId = new Map(page.posts.map((entry) => [entry.id, entry]));
      expect(new Set(byId.keys()), who).toEqual(new Set(shown.map((name) => posts[name])));
      for (const name of shown) {
        const entry = byId.get(posts[name]!)!;
        const what = `${who} / ${name}`;
        expect(entry.access, what).toBe(open.includes(name) ? 'open' : 'locked');
        expect(
          entry.media.map((m) => m.id),
          what,
        ).toEqual([media[name]]);
        if (entry.access === 'open') {
          const files = name === 'followers' ? ['full.jpg', 'full.webp'] : ['full.mp4', 'poster.webp'];
          expect(
            signedUrlsIn(entry)
              .map((url) => url.split('?')[0])
              .sort(),
            what,
          ).toEqual(files.map((file) => `/media/${media[name]}/${file}`));
        } else {
          expect(signedUrlsIn(entry), what).toEqual([]);
          expect(JSON.stringify(entry), what).not.toContain(`Body of`);
          expect(entry.media[0], what).not.toHaveProperty('fullUrl');
          expect(entry.media[0], what).not.toHaveProperty('posterUrl');
        }
      }
      // Every signed URL on the page belongs to an open entry's items.
      const openItems = open.map((name) => media[name]);
      for (const url of signedUrlsIn(page)) {
        expect(openItems, `${who}: ${url}`).toContain(url.split('/')[2]);
      }
    }
  });

  it('leaks nothing of a draft, scheduled, expired, unpublished or deleted post to anyone, the creator on the page included', async () => {
    for (const who of Object.keys(openFor)) {
      const text = JSON.stringify(await pageFor(who));
      for (const name of hidden) {
        const what = `${who} / ${name}`;
        expect(text, what).not.toContain(posts[name]);
        expect(text, what).not.toContain(media[name]);
        expect(text, what).not.toMatch(/secret/i);
      }
    }
  });

  it("serves the open item's signed files to those who may open it, and a stranger only its public renditions", async () => {
    const photo = media.followers!;
    for (const who of ['follower', 'subscriber', 'the creator']) {
      const entry = (await pageFor(who)).posts.find((post) => post.id === posts.followers)!;
      if (entry.access !== 'open') throw new Error(`${who} opens the followers' post`);
      const item = entry.media[0]!;
      for (const [url, type] of [
        [item.fullUrl, 'image/webp'],
        [item.posterUrl!, 'image/jpeg'],
      ] as const) {
        const response = await fetch(`${server.url}${url}`);
        expect([response.status, response.headers.get('content-type')], who).toEqual([200, type]);
        expect(response.headers.get('cache-control'), who).toBe('private, no-store');
      }
    }
    for (const who of ['anonymous', 'fan', 'buyer', 'another creator']) {
      const entry = (await pageFor(who)).posts.find((post) => post.id === posts.followers)!;
      expect(entry.access, who).toBe('locked');
      expect(entry.media[0], who).toMatchObject({
        thumbUrl: `/media/${photo}/thumb.webp`,
        previewUrl: `/media/${photo}/preview.webp`,
      });
      expect((await fetch(`${server.url}${entry.media[0]!.thumbUrl!}`)).status, who).toBe(200);
      expect((await fetch(`${server.url}/media/${photo}/full.webp`)).status, who).toBe(404);
    }
  });
});

describe("another creator's media in a post", () => {
  it("is refused through sync.push and posts.update, and a pushed `media` change is not the studio's to make", async () => {
    const owner = await signUp(server, 'creator');
    const thief = await signUp(server, 'creator');
    const theirs = await insertMedia(server.db, { creatorId: owner.account.id, status: 'ready' });
    const postId = newId();
    const create = postMutation(postId, {
      type: 'create',
      draft: { ...draft('Borrowed'), media: [{ mediaId: theirs, caption: '' }] },
    });
    const { results } = await thief.client.sync.push.mutate({ mutations: [create] });
    expect(results).toEqual([
      expect.objectContaining({
        id: create.id,
        status: 'rejected',
        message: expect.stringMatching(/another creator's/),
      }),
    ]);
    expect(await thief.client.posts.mine.query()).toEqual([]);
    // The media kind is the server's alone: a studio cannot mark an item ready (or anyone's) by pushing it.
    const forged = {
      id: newId(),
      entity: 'media',
      entityId: theirs,
      change: { type: 'upsert', data: { status: 'ready' } },
    };
    const pushed = await thief.client.sync.push
      .mutate({ mutations: [forged as never] })
      .then((answer) => answer.results[0]?.status, codeOf);
    expect(['rejected', 'BAD_REQUEST']).toContain(pushed);
    const own = await thief.client.posts.create.mutate({ draft: draft('Mine') });
    await expect(
      thief.client.posts.update
        .mutate({
          id: own.id,
          baseVersion: own.version,
          draft: { ...draft('Mine'), media: [{ mediaId: theirs, caption: '' }] },
        })
        .catch(codeOf),
    ).resolves.toBe('BAD_REQUEST');
  });

  it('named before it existed, then uploaded by its owner: never published, never on the page, never signed', async () => {
    const owner = await signUp(server, 'creator');
    const squatter = await signUp(server, 'creator');
    const handle = squatter.account.handle!;
    // The squatter names an id nobody holds yet (a draft may: its uploads are on their way), in a published
    // post, in a draft and in a scheduled one; then that id turns out to be the owner's ready item.
    const ownMedia = await insertMedia(server.db, { creatorId: squatter.account.id, status: 'ready' });
    const claimed = newId();
    const published = await postWith(squatter, 'Published', () => ({ kind: 'public' }), ownMedia);
    await squatter.client.posts.publish.mutate({ id: published });
    const [current] = await squatter.client.posts.mine.query();
    await squatter.client.posts.update.mutate({
      id: published,
      baseVersion: current!.version,
      draft: {
        ...draft('Published', { kind: 'public' }, 'Body'),
        media: [
          { mediaId: ownMedia, caption: '' },
          { mediaId: claimed, caption: '' },
        ],
      },
    });
    const asDraft = await postWith(squatter, 'Draft', () => ({ kind: 'public' }), claimed);
    const scheduled = await postWith(squatter, 'Scheduled', () => ({ kind: 'public' }), claimed, {
      publishAt: new Date(clock.now().getTime() + HOUR).toISOString(),
    });
    expect((await squatter.client.posts.publish.mutate({ id: scheduled })).status).toBe('scheduled');
    await insertMedia(server.db, { id: claimed, creatorId: owner.account.id, status: 'ready' });

    await expect(squatter.client.posts.publish.mutate({ id: asDraft })).rejects.toThrow(/another creator's/);
    clock.advance(HOUR);
    await server.services.scheduler.runDue();
    const statuses = new Map(
      (await squatter.client.posts.mine.query()).map((post) => [post.id, post.status]),
    );
    expect(statuses.get(scheduled)).toBe('scheduled'); // waiting, never out with the owner's item
    for (const viewer of [server.client(), squatter.client, owner.client]) {
      const page = await viewer.creators.page.query({ handle });
      expect(page.posts.map((post) => post.id)).toEqual([published]);
      expect(JSON.stringify(page)).not.toContain(claimed);
      for (const url of signedUrlsIn(page)) expect(url).toContain(`/media/${ownMedia}/`);
    }
  });
});

describe('posts with media over time', () => {
  it('shows a scheduled post and its media only from its time, and hides them from its expiry, job or no job', async () => {
    const creator = await signUp(server, 'creator');
    const handle = creator.account.handle!;
    const item = await insertMedia(server.db, { creatorId: creator.account.id, status: 'ready' });
    const start = clock.now().getTime();
    const id = await postWith(creator, 'Timed', () => ({ kind: 'public' }), item, {
      publishAt: new Date(start + HOUR).toISOString(),
      expiresAt: new Date(start + 3 * HOUR).toISOString(),
    });
    await creator.client.posts.publish.mutate({ id });
    const onPage = async () => JSON.stringify(await server.client().creators.page.query({ handle }));
    expect(await onPage()).not.toContain(item);
    clock.advance(HOUR - 1_000);
    await server.services.scheduler.runDue();
    expect(await onPage()).not.toContain(item);
    clock.advance(1_000);
    await server.services.scheduler.runDue();
    expect(await onPage()).toContain(`/media/${item}/full.mp4?`);
    // Past the expiry, before its job has run: already gone.
    clock.advance(2 * HOUR);
    expect(await onPage()).not.toContain(item);
    await server.services.scheduler.runDue();
    expect((await creator.client.posts.mine.query())[0]!.status).toBe('expired');
    expect(await onPage()).not.toContain(item);
  });

  it('lets a signed URL given out before a post was unpublished work only until its expiry', async () => {
    const creator = await signUp(server, 'creator');
    const handle = creator.account.handle!;
    const photo = await uploadedPhoto(creator, 'unpublished.jpg');
    const id = await postWith(creator, 'Soon gone', () => ({ kind: 'public' }), photo);
    await creator.client.posts.publish.mutate({ id });
    const [entry] = (await server.client().creators.page.query({ handle })).posts;
    if (entry?.access !== 'open') throw new Error('a public post is open');
    const fullUrl = entry.media[0]!.fullUrl;
    await creator.client.posts.unpublish.mutate({ id });
    expect((await server.client().creators.page.query({ handle })).posts).toEqual([]);
    // A URL already given out is a bearer token until it expires (10 minutes for a photo): then it is refused.
    expect((await fetch(`${server.url}${fullUrl}`)).status).toBe(200);
    clock.advance(10 * 60_000);
    expect((await fetch(`${server.url}${fullUrl}`)).status).toBe(404);
  });
});
