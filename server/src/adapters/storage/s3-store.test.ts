import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaNotStoredError } from './media-store';
import { S3StandIn } from './s3-stand-in';
import { S3Store } from './s3-store';

// Not real S3 (unreachable here): the requests the store makes, checked against a local stand-in.
describe('S3Store against a local stand-in', () => {
  const standIn = new S3StandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-s3-store-'));
  let store: S3Store;
  const KEY = 'media/c1/m1/full.mp4';

  beforeAll(async () => {
    const endpoint = await standIn.start();
    store = new S3Store({
      bucket: 'mesi-media',
      region: 'eu-west-1',
      endpoint,
      credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
      forcePathStyle: true,
      partBytes: 5 * 1024 * 1024,
    });
  });
  afterAll(async () => {
    await standIn.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts a small file in one PUT with its type, and reads it whole or by range', async () => {
    const file = path.join(dir, 'small');
    writeFileSync(file, 'hello, media');
    expect(await store.put(KEY, file, 'video/mp4')).toEqual({ bytes: 12 });
    const put = standIn.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/mesi-media/${KEY}`);
    expect(put.headers['content-type']).toBe('video/mp4');
    expect(put.headers['content-length']).toBe('12');
    expect(put.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIATEST\/\d{8}\/eu-west-1\/s3\//,
    );

    expect(await text(await store.read(KEY))).toBe('hello, media');
    expect(await text(await store.read(KEY, { start: 7, end: 11 }))).toBe('media');
    expect(standIn.requests.at(-1)!.headers.range).toBe('bytes=7-11');
    expect(await store.stat(KEY)).toEqual({ bytes: 12 });
  });

  it('says when nothing is stored', async () => {
    expect(await store.stat('media/c1/none/full.mp4')).toBeNull();
    await expect(store.read('media/c1/none/full.mp4')).rejects.toBeInstanceOf(MediaNotStoredError);
  });

  it('puts a large file in parts and completes it in order', async () => {
    const file = path.join(dir, 'large');
    const bytes = Buffer.alloc(12 * 1024 * 1024 + 5);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    writeFileSync(file, bytes);
    const before = standIn.requests.length;
    await store.put('media/c1/m2/full.mp4', file, 'video/mp4');
    const made = standIn.requests.slice(before);
    expect(
      made.map(
        (r) =>
          `${r.method} ${Object.keys(r.query)
            .filter((name) => name !== 'x-id')
            .sort()
            .join(',')}`,
      ),
    ).toEqual([
      'POST uploads',
      'PUT partNumber,uploadId',
      'PUT partNumber,uploadId',
      'PUT partNumber,uploadId',
      'POST uploadId',
    ]);
    expect(made.filter((r) => r.method === 'PUT').map((r) => r.bodyBytes)).toEqual([
      5 * 1024 * 1024,
      5 * 1024 * 1024,
      2 * 1024 * 1024 + 5,
    ]);
    expect(standIn.objects.get('mesi-media/media/c1/m2/full.mp4')!.equals(bytes)).toBe(true);
  });

  it('deletes everything under a prefix, page after page, and nothing else', async () => {
    standIn.pageSize = 2;
    for (const file of ['a.webp', 'b.webp', 'c.webp', 'd.webp', 'e.webp']) {
      standIn.objects.set(`mesi-media/media/c9/m9/${file}`, Buffer.from(file));
    }
    standIn.objects.set('mesi-media/media/c9/m90/keep.webp', Buffer.from('keep'));
    await store.deletePrefix('media/c9/m9/');
    expect([...standIn.objects.keys()].filter((k) => k.startsWith('mesi-media/media/c9/'))).toEqual([
      'mesi-media/media/c9/m90/keep.webp',
    ]);
    const lists = standIn.requests.filter((r) => r.query['list-type'] === '2');
    expect(lists.every((r) => r.query.prefix === 'media/c9/m9/')).toBe(true);
  });

  it('refuses keys that are not plain before sending anything', async () => {
    const before = standIn.requests.length;
    await expect(store.stat('media/../secrets')).rejects.toThrow(/not a media store key/);
    await expect(store.read('/media/c1/m1/full.mp4')).rejects.toThrow(/not a media store key/);
    await expect(store.deletePrefix('media/c1')).rejects.toThrow(/not a media store prefix/);
    expect(standIn.requests.length).toBe(before);
  });
});
