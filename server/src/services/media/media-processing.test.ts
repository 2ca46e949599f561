import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { LocalDiskStore } from '../../adapters/storage/local-disk-store';
import type { MediaStore } from '../../adapters/storage/media-store';
import { DEFAULT_RETRY_POLICY } from '../scheduler';
import { signUp, startTestServer, type TestServer } from '../../test/test-server';
import { makeJpegWithGps, metadataFor, tusUpload } from './test/media-fixtures';

/** The disk store, with `put` failing while `failing` is set: a store that is away for a while. */
class FlakyStore implements MediaStore {
  failing = true;
  readonly description = 'a store that fails on demand';
  constructor(private readonly inner: MediaStore) {}
  put(key: string, file: string, contentType: string) {
    if (this.failing) return Promise.reject(new Error('the store is unreachable'));
    return this.inner.put(key, file, contentType);
  }
  read(...args: Parameters<MediaStore['read']>) {
    return this.inner.read(...args);
  }
  stat(key: string) {
    return this.inner.stat(key);
  }
  deletePrefix(prefix: string) {
    return this.inner.deletePrefix(prefix);
  }
}

describe('media processing retries', () => {
  const clock = new ManualClock();
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-media-processing-'));
  const store = new FlakyStore(new LocalDiskStore(path.join(dir, 'store')));
  let server: TestServer;
  let creator: Awaited<ReturnType<typeof signUp>>;
  const photo = path.join(dir, 'photo.jpg');

  beforeAll(async () => {
    server = await startTestServer({ clock, mediaStore: store });
    creator = await signUp(server, 'creator');
    await makeJpegWithGps(photo, 640, 480);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The thumb's URL, signed (in no published post, it is not served unsigned). */
  const signedThumb = (mediaId: string) =>
    server.services.media.urls.signed(mediaId, 'thumb.webp', new Date(clock.now().getTime() + 60_000));
  const statusOf = async (mediaId: string) =>
    (await creator.client.media.list.query()).find((m) => m.id === mediaId);
  /** Runs the jobs due after `ms` more (the scheduler's loop may run them too: either way, once). */
  const after = async (ms: number) => {
    clock.advance(ms);
    await server.services.scheduler.runDue();
  };
  /** Waits until the item's processing job has failed `attempts` times (whichever run claimed it). */
  const failedAttempts = (mediaId: string, attempts: number) =>
    expect
      .poll(async () => {
        const job = await server.db
          .selectFrom('scheduled_jobs')
          .select(['status', 'attempts'])
          .where('kind', '=', 'media.process')
          .where('key', 'like', `%${mediaId}%`)
          .executeTakeFirst();
        return job && [job.status === 'running' ? 'running' : 'settled', job.attempts];
      })
      .toEqual(['settled', attempts]);

  it('retries a failure that is not the file (the store away) and is ready once it works, never before', async () => {
    store.failing = true;
    const metadata = metadataFor(photo, 'photo', 'photo.jpg');
    expect((await tusUpload(server.url, photo, { token: creator.token, metadata })).error).toBeNull();
    await after(0);
    await failedAttempts(metadata.mediaId, 1);
    expect(await statusOf(metadata.mediaId)).toMatchObject({ status: 'processing', failure: null });
    expect((await fetch(`${server.url}${signedThumb(metadata.mediaId)}`)).status).toBe(404);
    store.failing = false;
    await after(DEFAULT_RETRY_POLICY.delayAfter(1));
    await expect.poll(async () => (await statusOf(metadata.mediaId))?.status).toBe('ready');
    expect((await fetch(`${server.url}${signedThumb(metadata.mediaId)}`)).status).toBe(200);
  });

  it('fails the item with words for the creator once the last attempt failed', async () => {
    store.failing = true;
    const metadata = metadataFor(photo, 'photo', 'photo.jpg');
    expect((await tusUpload(server.url, photo, { token: creator.token, metadata })).error).toBeNull();
    await after(0);
    for (let attempt = 1; attempt < DEFAULT_RETRY_POLICY.maxAttempts; attempt++) {
      await failedAttempts(metadata.mediaId, attempt);
      expect((await statusOf(metadata.mediaId))?.status).toBe('processing');
      await after(DEFAULT_RETRY_POLICY.delayAfter(attempt));
    }
    await expect.poll(async () => (await statusOf(metadata.mediaId))?.status).toBe('failed');
    expect((await statusOf(metadata.mediaId))?.failure).toBe(
      'Processing failed several times; upload the file again, or contact support if it keeps failing',
    );
    expect((await fetch(`${server.url}/media/${metadata.mediaId}/thumb.webp`)).status).toBe(404);
  });
});
