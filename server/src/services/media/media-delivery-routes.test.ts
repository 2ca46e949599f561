import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { signUp, startTestServer, type TestServer } from '../../test/test-server';
import { MIN_SIGNED_TTL_MS } from './media-urls';
import { makeJpegWithGps, metadataFor, settledMedia, tusUpload } from './test/media-fixtures';

describe('media delivery', () => {
  // On a whole second, as signed URLs' expiries are.
  const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  let server: TestServer;
  let photoId: string;
  let otherPhotoId: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-media-delivery-'));
  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${url}`, { headers });
  const signed = (id: string, file: string, ms = MIN_SIGNED_TTL_MS) =>
    server.services.media.urls.signed(id, file, new Date(clock.now().getTime() + ms));

  beforeAll(async () => {
    server = await startTestServer({ clock });
    const creator = await signUp(server, 'creator');
    const uploadPhoto = async (name: string) => {
      const file = path.join(dir, name);
      await makeJpegWithGps(file, 800, 600);
      const metadata = metadataFor(file, 'photo', name);
      expect((await tusUpload(server.url, file, { token: creator.token, metadata })).error).toBeNull();
      expect((await settledMedia(creator.client, metadata.mediaId)).status).toBe('ready');
      return metadata.mediaId;
    };
    photoId = await uploadPhoto('a.jpg');
    otherPhotoId = await uploadPhoto('b.jpg');
    // The first photo in a published post (its thumb and preview public), the other in none.
    const post = await creator.client.posts.create.mutate({
      draft: {
        title: 'A',
        body: '',
        accessRule: { kind: 'public' },
        media: [{ mediaId: photoId, caption: '' }],
      },
    });
    await creator.client.posts.publish.mutate({ id: post.id });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a gated rendition with a valid signature, privately, and public ones of a published item to anyone, cached for an hour', async () => {
    const full = await get(signed(photoId, 'full.webp'));
    expect(full.status).toBe(200);
    expect(full.headers.get('cache-control')).toBe('private, no-store');
    expect(full.headers.get('content-type')).toBe('image/webp');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(full.headers.get('content-length'))).toBe((await full.arrayBuffer()).byteLength);

    const poster = await get(signed(photoId, 'full.jpg'));
    expect([poster.status, poster.headers.get('content-type')]).toEqual([200, 'image/jpeg']);

    for (const file of ['thumb.webp', 'preview.webp']) {
      const response = await get(`/media/${photoId}/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
      // The other photo is in no published post: its thumb and preview are not public.
      expect((await get(`/media/${otherPhotoId}/${file}`)).status).toBe(404);
    }
  });

  it('refuses every way of reaching a gated file without a valid signature, the same way each time', async () => {
    const good = new URL(signed(photoId, 'full.webp'), 'http://x');
    const exp = good.searchParams.get('exp')!;
    const sig = good.searchParams.get('sig')!;
    const attempts = [
      `/media/${photoId}/full.webp`, // the path alone
      `/media/${photoId}/full.jpg`, // another gated file, unsigned
      `/media/${photoId}/full.webp?exp=${exp}`, // no signature
      `/media/${photoId}/full.webp?sig=${sig}`, // no expiry
      `/media/${otherPhotoId}/full.webp?exp=${exp}&sig=${sig}`, // another item
      `/media/${photoId}/full.jpg?exp=${exp}&sig=${sig}`, // another file of the item
      `/media/${photoId}/full.webp?exp=${Number(exp) + 3600}&sig=${sig}`, // a later expiry
      `/media/${photoId}/full.webp?exp=${exp}&sig=${sig.slice(0, -2)}AA`, // a changed signature
      `/media/${photoId}/full.webp?exp=${exp}&sig=${sig}&exp=${Number(exp) + 3600}`, // expiry twice
      `/media/${photoId}/full.mp4?exp=${exp}&sig=${sig}`, // a file photos do not have
      `/media/${photoId}/../${photoId}/full.webp`, // a path trick
      `/media/${newId()}/full.webp?exp=${exp}&sig=${sig}`, // no such item
      `/media/not-a-uuid/full.webp`,
    ];
    for (const attempt of attempts) {
      const response = await get(attempt);
      expect(response.status, attempt).toBe(404);
      expect(await response.text(), attempt).toBe('Not found\n');
      expect(response.headers.get('cache-control'), attempt).toBe('no-store');
    }
    expect((await get(`${good.pathname}${good.search}`)).status).toBe(200);
  });

  it('refuses a signed URL once it has expired, however often it was used before', async () => {
    const url = signed(photoId, 'full.webp', 60_000);
    expect((await get(url)).status).toBe(200);
    clock.advance(59_000);
    expect((await get(url)).status).toBe(200);
    clock.advance(1_000);
    expect((await get(url)).status).toBe(404);
    expect((await get(signed(photoId, 'full.webp'))).status).toBe(200);
  });

  it('answers byte ranges: 206 with exactly those bytes, the first of several, 416 out of range', async () => {
    const url = signed(photoId, 'full.webp');
    const whole = Buffer.from(await (await get(url)).arrayBuffer());
    const part = await get(url, { Range: 'bytes=10-99' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-99/${whole.length}`);
    expect(part.headers.get('content-length')).toBe('90');
    expect(part.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(10, 100))).toBe(true);

    const tail = await get(url, { Range: 'bytes=-16' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(-16))).toBe(true);

    const several = await get(url, { Range: 'bytes=0-3,200-203' });
    expect([several.status, several.headers.get('content-range')]).toEqual([
      206,
      `bytes 0-3/${whole.length}`,
    ]);
    expect(Buffer.from(await several.arrayBuffer()).equals(whole.subarray(0, 4))).toBe(true);

    const beyond = await get(url, { Range: `bytes=${whole.length}-` });
    expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, `bytes */${whole.length}`]);

    for (const malformed of ['bytes=abc', 'items=0-10', 'bytes=5-1']) {
      expect((await get(url, { Range: malformed })).status, malformed).toBe(
        malformed === 'bytes=5-1' ? 416 : 200,
      );
    }

    // A range on an unsigned gated file is refused like the whole file.
    expect((await get(`/media/${photoId}/full.webp`, { Range: 'bytes=0-10' })).status).toBe(404);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(`${server.url}${signed(photoId, 'full.webp')}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(response.headers.get('content-type')).toBe('image/webp');
  });
});
