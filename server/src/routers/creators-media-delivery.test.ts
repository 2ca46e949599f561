import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft } from '../test/post-drafts';
import { signUp, startTestServer, type TestServer } from '../test/test-server';
import { makeJpegWithGps, metadataFor, settledMedia, tusUpload } from '../services/media/test/media-fixtures';

/** A photo uploaded through tus, processed by the server, posted for followers: what each viewer can fetch. */
describe('media from the creator page, fetched', () => {
  let server: TestServer;
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-page-media-'));
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (url: string) => fetch(`${server.url}${url}`);

  it('serves the open post’s signed URLs to a follower, and only the public renditions to a stranger', async () => {
    const creator = await signUp(server, 'creator');
    const file = path.join(dir, 'photo.jpg');
    await makeJpegWithGps(file, 800, 600);
    const metadata = metadataFor(file, 'photo', 'photo.jpg');
    expect((await tusUpload(server.url, file, { token: creator.token, metadata })).error).toBeNull();
    expect((await settledMedia(creator.client, metadata.mediaId)).status).toBe('ready');
    const post = await creator.client.posts.create.mutate({
      draft: {
        ...draft('For followers', { kind: 'follower' }),
        media: [{ mediaId: metadata.mediaId, caption: 'A photo' }],
      },
    });
    await creator.client.posts.publish.mutate({ id: post.id });
    const handle = creator.account.handle!;

    const fan = await signUp(server, 'fan');
    await fan.client.creators.follow.mutate({ handle });
    const [open] = (await fan.client.creators.page.query({ handle })).posts;
    if (open?.access !== 'open') throw new Error('a follower opens a post for followers');
    const [photo] = open.media;
    const full = await get(photo!.fullUrl);
    expect([full.status, full.headers.get('content-type')]).toEqual([200, 'image/webp']);
    expect(full.headers.get('cache-control')).toBe('private, no-store');
    const poster = await get(photo!.posterUrl!);
    expect([poster.status, poster.headers.get('content-type')]).toEqual([200, 'image/jpeg']);

    const [locked] = (await server.client().creators.page.query({ handle })).posts;
    if (locked?.access !== 'locked') throw new Error('a stranger does not open a post for followers');
    const [preview] = locked.media;
    expect(preview).not.toHaveProperty('fullUrl');
    for (const url of [preview!.thumbUrl!, preview!.previewUrl!]) {
      expect((await get(url)).status).toBe(200);
    }
    // The signed file's path without its signature, as a stranger could guess it, is refused.
    const unsigned = await get(photo!.fullUrl.split('?')[0]!);
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
  });
});
