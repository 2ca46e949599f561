import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  copyFileSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { MEDIA_KIND, mediaSnapshotSchema } from '@shared/domain/media/media';
import { decodePullPage } from '@shared/domain/sync/protocol';
import { DEFAULT_MEDIA_CONFIG } from '../../config';
import { BODY_LIMIT_BYTES } from '../../http/http-server';
import { signUp, startTestServer, type TestServer } from '../../test/test-server';
import { UPLOAD_EXPIRY_MS } from './media-uploads';
import {
  ffprobe,
  makeJpegWithGps,
  makeVideo,
  metadataFor,
  settledMedia,
  sha256Of,
  tusUpload,
} from './test/media-fixtures';

const MAX_UPLOAD = 50_000_000;
const QUOTA = 40_000_000;

/** A raw tus request, for what tus-js-client would never send (bad headers, a foreign cookie). */
async function tus(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Uint8Array,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { method, headers: { 'Tus-Resumable': '1.0.0', ...headers }, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const encodeMetadata = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

describe('media uploads over tus', () => {
  let server: TestServer;
  let creator: Awaited<ReturnType<typeof signUp>>;
  let other: Awaited<ReturnType<typeof signUp>>;
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-media-uploads-'));
  const video = path.join(dir, 'clip.mp4');
  // The server's DATA_DIR is its mail outbox's parent (startTestServer makes one per server).
  const uploadsDir = () => path.join(path.dirname(server.mailOutbox), 'uploads');
  const leftInUploads = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()) : []);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    server = await startTestServer({
      config: { media: { ...DEFAULT_MEDIA_CONFIG, maxUploadBytes: MAX_UPLOAD, quotaBytes: QUOTA } },
    });
    creator = await signUp(server, 'creator');
    other = await signUp(server, 'creator');
    await makeVideo(video, { seconds: 2 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a photo, re-encodes it without EXIF or GPS, and serves only its public renditions unsigned', async () => {
    const file = path.join(dir, 'photo.jpg');
    await makeJpegWithGps(file);
    expect((await sharp(file).metadata()).exif).toBeDefined();
    const metadata = metadataFor(file, 'photo', 'holiday.jpg');
    const outcome = await tusUpload(server.url, file, {
      token: creator.token,
      metadata,
      chunkSize: 64 * 1024,
    });
    expect(outcome.error).toBeNull();
    const item = await settledMedia(creator.client, metadata.mediaId);
    expect(item).toMatchObject({ status: 'ready', kind: 'photo', width: 1600, height: 1200, failure: null });

    const urls = server.services.media.urls;
    for (const [file, format] of [
      ['full.webp', 'webp'],
      ['full.jpg', 'jpeg'],
      ['thumb.webp', 'webp'],
      ['preview.webp', 'webp'],
    ] as const) {
      const signed = urls.signed(metadata.mediaId, file, new Date(Date.now() + 60_000));
      const response = await fetch(`${server.url}${signed}`);
      expect(response.status, file).toBe(200);
      const info = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(info.format).toBe(format);
      expect(info.exif, `${file} has EXIF`).toBeUndefined();
    }
    // In no published post yet: nothing is served unsigned, not even the blurred thumb.
    expect((await fetch(`${server.url}/media/${metadata.mediaId}/thumb.webp`)).status).toBe(404);
    expect((await fetch(`${server.url}/media/${metadata.mediaId}/full.webp`)).status).toBe(404);
    expect((await fetch(`${server.url}/media/${metadata.mediaId}/full.jpg`)).status).toBe(404);
    await expect.poll(leftInUploads).toEqual([]);

    // Every status reached the creator's studio, as the server-only `media` kind.
    await expect
      .poll(async () => {
        const page = decodePullPage(await creator.client.sync.pull.query({ after: 0 }));
        return page.changes
          .filter((c) => c.entity === MEDIA_KIND.entity && c.id === metadata.mediaId)
          .map((c) => mediaSnapshotSchema.parse(c.data).status);
      })
      .toEqual(['uploading', 'processing', 'ready']);
  });

  it('takes a video in one PATCH larger than the body limit (streamed to disk), and makes its web rendition, poster, thumb and preview', async () => {
    expect(statSync(video).size).toBeGreaterThan(BODY_LIMIT_BYTES);
    const metadata = metadataFor(video, 'video');
    const outcome = await tusUpload(server.url, video, {
      token: creator.token,
      metadata,
      chunkSize: Number.POSITIVE_INFINITY,
    });
    expect(outcome.error).toBeNull();
    const item = await settledMedia(creator.client, metadata.mediaId);
    expect(item).toMatchObject({ status: 'ready', width: 1280, height: 720 });
    expect(item.durationMs).toBeGreaterThan(1900);
    expect(item.durationMs).toBeLessThan(2200);

    const fetched = async (file: string) => {
      const signed = server.services.media.urls.signed(metadata.mediaId, file, new Date(Date.now() + 60_000));
      const response = await fetch(`${server.url}${signed}`);
      expect(response.status, file).toBe(200);
      const local = path.join(dir, `${metadata.mediaId}-${file}`);
      writeFileSync(local, Buffer.from(await response.arrayBuffer()));
      return local;
    };
    const full = await ffprobe(await fetched('full.mp4'));
    expect(full.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(full.streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 1280, height: 720 });
    expect(Number(full.format.duration)).toBeCloseTo(2, 0);
    const preview = await ffprobe(await fetched('preview.mp4'));
    const previewVideo = preview.streams.find((s) => s.codec_type === 'video')!;
    expect(previewVideo.height).toBeLessThanOrEqual(480);
    expect(Number(preview.format.duration)).toBeLessThanOrEqual(5.1);
    const poster = await sharp(await fetched('poster.webp')).metadata();
    expect([poster.format, poster.width, poster.height]).toEqual(['webp', 1280, 720]);
    const thumb = await sharp(await fetched('thumb.webp')).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(480);
  });

  it('re-encodes a video that is not web-ready (VP8 in WebM) to H.264/AAC in MP4', async () => {
    const webm = path.join(dir, 'clip.webm');
    await makeVideo(webm, { seconds: 2, size: '320x180', format: 'webm' });
    const metadata = metadataFor(webm, 'video', 'clip.webm');
    expect((await tusUpload(server.url, webm, { token: creator.token, metadata })).error).toBeNull();
    expect(await settledMedia(creator.client, metadata.mediaId)).toMatchObject({
      status: 'ready',
      width: 320,
    });
    const signed = server.services.media.urls.signed(
      metadata.mediaId,
      'full.mp4',
      new Date(Date.now() + 60_000),
    );
    const local = path.join(dir, 'reencoded.mp4');
    writeFileSync(local, Buffer.from(await (await fetch(`${server.url}${signed}`)).arrayBuffer()));
    const probe = await ffprobe(local);
    expect(probe.format.format_name).toContain('mp4');
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
  });

  it('resumes after the connection is cut at random points, and never serves the item before it is whole', async () => {
    const metadata = metadataFor(video, 'video');
    const size = statSync(video).size;
    const cuts = [0.15, 0.45, 0.8].map((at) => Math.floor(size * (at + Math.random() * 0.1)));
    let outcome = await tusUpload(server.url, video, {
      token: creator.token,
      metadata,
      chunkSize: 48 * 1024,
      onProgress: (sent, _total, abort) => sent >= cuts[0]! && abort(),
    });
    const uploadUrl = outcome.url!;
    expect(uploadUrl).toMatch(/\/uploads\/[0-9a-f]{32}$/);
    for (const cut of [...cuts.slice(1), null]) {
      expect(outcome.error?.message).toBe('aborted by the test');
      const [item] = (await creator.client.media.list.query()).filter((m) => m.id === metadata.mediaId);
      expect(item?.status).toBe('uploading');
      for (const file of ['thumb.webp', 'preview.mp4', 'full.mp4']) {
        expect((await fetch(`${server.url}/media/${metadata.mediaId}/${file}`)).status).toBe(404);
      }
      const head = await tus(
        `${server.url}${new URL(uploadUrl, server.url).pathname}`,
        'HEAD',
        auth(creator.token),
      );
      expect(Number(head.headers.get('upload-offset'))).toBeLessThan(size);
      outcome = await tusUpload(server.url, video, {
        token: creator.token,
        uploadUrl,
        chunkSize: 48 * 1024,
        onProgress: (sent, _total, abort) => cut !== null && sent >= cut && abort(),
      });
    }
    expect(outcome.error).toBeNull();
    // Processing only starts once the whole file's SHA-256 matched the declared one.
    expect(await settledMedia(creator.client, metadata.mediaId)).toMatchObject({ status: 'ready' });
  });

  describe('refuses bad input with a clear error and keeps nothing', () => {
    it('a renamed .exe declared as a video: 415 at its first bytes, no row, no file', async () => {
      const exe = path.join(dir, 'setup.mp4');
      writeFileSync(exe, Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(300_000)]));
      const metadata = metadataFor(exe, 'video', 'setup.mp4');
      const outcome = await tusUpload(server.url, exe, {
        token: creator.token,
        metadata,
        chunkSize: 64 * 1024,
      });
      expect(outcome.status).toBe(415);
      expect(outcome.body).toMatch(/The file is not a video/);
      expect((await creator.client.media.list.query()).map((m) => m.id)).not.toContain(metadata.mediaId);
      await expect.poll(leftInUploads).toEqual([]);
      // Nothing of it was written past the head either: the upload is gone.
      const head = await tus(
        `${server.url}${new URL(outcome.url!, server.url).pathname}`,
        'HEAD',
        auth(creator.token),
      );
      expect(head.status).toBe(404);
    });

    it('a photo that is really a video is refused for what it is', async () => {
      const metadata = metadataFor(video, 'photo', 'not-a-photo.jpg');
      const outcome = await tusUpload(server.url, video, { token: creator.token, metadata });
      expect(outcome.status).toBe(415);
      expect(outcome.body).toBe('The file is MP4 video content, not a photo as declared\n');
    });

    it('an empty file', async () => {
      const empty = path.join(dir, 'empty.mp4');
      writeFileSync(empty, '');
      const outcome = await tusUpload(server.url, empty, {
        token: creator.token,
        metadata: metadataFor(empty, 'video'),
      });
      expect([outcome.status, outcome.body]).toEqual([400, 'The file is empty\n']);
      await expect.poll(leftInUploads).toEqual([]);
    });

    it('a truncated MP4 (its SHA-256 matches): failed with why, nothing served', async () => {
      const truncated = path.join(dir, 'truncated.mp4');
      copyFileSync(video, truncated);
      truncateSync(truncated, Math.floor(statSync(video).size / 2));
      const metadata = metadataFor(truncated, 'video');
      expect((await tusUpload(server.url, truncated, { token: creator.token, metadata })).error).toBeNull();
      const item = await settledMedia(creator.client, metadata.mediaId);
      expect(item.status).toBe('failed');
      expect(item.failure).toMatch(/\w{10,}/);
      for (const file of ['thumb.webp', 'preview.mp4', 'full.mp4', 'poster.webp']) {
        expect((await fetch(`${server.url}/media/${metadata.mediaId}/${file}`)).status).toBe(404);
      }
      await expect.poll(leftInUploads).toEqual([]);
    });

    it('a file whose bytes do not match the declared SHA-256: 460, failed, bytes removed', async () => {
      const metadata = { ...metadataFor(video, 'video'), sha256: 'a'.repeat(64) };
      const outcome = await tusUpload(server.url, video, { token: creator.token, metadata });
      expect(outcome.status).toBe(460);
      expect(outcome.body).toMatch(/does not match the SHA-256/);
      const [item] = (await creator.client.media.list.query()).filter((m) => m.id === metadata.mediaId);
      expect(item).toMatchObject({ status: 'failed', failure: expect.stringMatching(/SHA-256/) });
      await expect.poll(leftInUploads).toEqual([]);

      // The studio sends it again under the same id, right this time: it is processed like any other.
      const again = await tusUpload(server.url, video, {
        token: creator.token,
        metadata: { ...metadata, sha256: sha256Of(video) },
      });
      expect(again.error).toBeNull();
      expect(await settledMedia(creator.client, metadata.mediaId)).toMatchObject({
        status: 'ready',
        failure: null,
      });
      // Once processed, the id is taken for good.
      const third = await tusUpload(server.url, video, {
        token: creator.token,
        metadata: { ...metadata, sha256: sha256Of(video) },
      });
      expect([third.status, third.body]).toEqual([409, `Media ${metadata.mediaId} was uploaded already\n`]);
    });

    it('a declared size over the limit (413), or over the quota (413), before any byte is sent', async () => {
      const metadata = encodeMetadata(metadataFor(video, 'video'));
      const tooLarge = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(creator.token),
        'Upload-Length': String(MAX_UPLOAD + 1),
        'Upload-Metadata': metadata,
      });
      expect([tooLarge.status, tooLarge.text]).toEqual([
        413,
        'The file is 47.7 MiB; an upload may be at most 47.7 MiB\n',
      ]);
      const overQuota = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(creator.token),
        'Upload-Length': String(QUOTA),
        'Upload-Metadata': metadata,
      });
      expect(overQuota.status).toBe(413);
      expect(overQuota.text).toMatch(/would take your media past its 38.1 MiB quota/);
      const deferred = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(creator.token),
        'Upload-Defer-Length': '1',
        'Upload-Metadata': metadata,
      });
      expect([deferred.status, deferred.text]).toEqual([
        400,
        'Upload-Length is required: declare the file size when opening the upload\n',
      ]);
    });

    it('metadata that breaks the contract, naming the field (a path as file name included)', async () => {
      const good = metadataFor(video, 'video');
      const cases: [Record<string, string>, string][] = [
        [
          { ...good, filename: '../../etc/passwd' },
          'Upload-Metadata: filename: filename must not be a path\n',
        ],
        [{ ...good, filename: 'a\\b.mp4' }, 'Upload-Metadata: filename: filename must not be a path\n'],
        [{ ...good, kind: 'document' }, 'Upload-Metadata: kind: kind must be photo, video or audio\n'],
        [{ ...good, mediaId: 'x' }, 'Upload-Metadata: mediaId: mediaId must be a UUID\n'],
        [{ ...good, sha256: 'ABC' }, 'Upload-Metadata: sha256: sha256 must be 64 lowercase hex digits\n'],
      ];
      for (const [metadata, message] of cases) {
        const answer = await tus(`${server.url}/uploads`, 'POST', {
          ...auth(creator.token),
          'Upload-Length': '1000',
          'Upload-Metadata': encodeMetadata(metadata),
        });
        expect([answer.status, answer.text]).toEqual([400, message]);
      }
      await expect.poll(leftInUploads).toEqual([]);
    });

    it("another creator's id: 409; the creator's own unfinished upload opened again replaces it", async () => {
      const metadata = metadataFor(video, 'video');
      const first = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(creator.token),
        'Upload-Length': '1000',
        'Upload-Metadata': encodeMetadata(metadata),
      });
      expect(first.status).toBe(201);
      const again = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(other.token),
        'Upload-Length': '1000',
        'Upload-Metadata': encodeMetadata(metadata),
      });
      expect([again.status, again.text]).toEqual([409, `Media ${metadata.mediaId} was uploaded already\n`]);
      // The studio lost the upload's URL and opens it again: the old upload is dropped, the new one counts.
      const reopened = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(creator.token),
        'Upload-Length': '2000',
        'Upload-Metadata': encodeMetadata(metadata),
      });
      expect(reopened.status).toBe(201);
      expect(
        (await tus(`${server.url}${first.headers.get('location')!}`, 'HEAD', auth(creator.token))).status,
      ).toBe(404);
      expect(leftInUploads()).toHaveLength(2); // the new upload's bytes and tus's record of it
      // The studio ends an upload it gave up: its row goes with it.
      const ended = await tus(
        `${server.url}${reopened.headers.get('location')!}`,
        'DELETE',
        auth(creator.token),
      );
      expect(ended.status).toBe(204);
      await expect
        .poll(async () => (await creator.client.media.list.query()).map((m) => m.id))
        .not.toContain(metadata.mediaId);
    });
  });

  describe('authentication and ownership', () => {
    it('refuses a missing or wrong token (401), a fan (403), and a cookie from another site (403)', async () => {
      const metadata = encodeMetadata(metadataFor(video, 'video'));
      const post = (headers: Record<string, string>) =>
        tus(`${server.url}/uploads`, 'POST', {
          'Upload-Length': '1000',
          'Upload-Metadata': metadata,
          ...headers,
        });
      expect((await post({})).status).toBe(401);
      const wrong = await post(auth(`${newId()}.${'x'.repeat(43)}`));
      expect([wrong.status, wrong.text]).toEqual([401, 'Your session has ended; sign in again\n']);
      const fan = await signUp(server, 'fan');
      const asFan = await post(auth(fan.token));
      expect([asFan.status, asFan.text]).toEqual([403, 'Only creator accounts can upload media\n']);
      const forAnother = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(creator.token),
        'Upload-Length': '1000',
        'Upload-Metadata': encodeMetadata({ ...metadataFor(video, 'video'), creatorId: other.account.id }),
      });
      expect([forAnother.status, forAnother.text]).toEqual([403, "You cannot add this creator's media\n"]);
      const crossSite = await post({
        Cookie: `mesi_session=${creator.token}`,
        Origin: 'https://evil.example',
      });
      expect(crossSite.status).toBe(403);
      const sameSiteCookie = await post({ Cookie: `mesi_session=${creator.token}`, Origin: server.url });
      expect(sameSiteCookie.status).toBe(401);
    });

    it("answers another creator's upload URL as if it did not exist, whatever the method", async () => {
      const metadata = metadataFor(video, 'video');
      const created = await tus(`${server.url}/uploads`, 'POST', {
        ...auth(creator.token),
        'Upload-Length': String(statSync(video).size),
        'Upload-Metadata': encodeMetadata(metadata),
      });
      const url = `${server.url}${created.headers.get('location')!}`;
      expect((await tus(url, 'HEAD', auth(other.token))).status).toBe(404);
      const patch = await tus(
        url,
        'PATCH',
        { ...auth(other.token), 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
        new Uint8Array(1024),
      );
      expect(patch.status).toBe(404);
      expect((await tus(url, 'DELETE', auth(other.token))).status).toBe(404);
      expect((await tus(url, 'HEAD', auth(creator.token))).headers.get('upload-offset')).toBe('0');
      // The upload folder is never served, to anyone.
      expect((await fetch(url, { headers: auth(creator.token) })).status).toBe(404);
      await tus(url, 'DELETE', auth(creator.token));
    });
  });
});

describe('media uploads left unfinished', () => {
  it('are dropped after 7 days, row and bytes, so they stop counting against the quota', async () => {
    const clock = new ManualClock();
    const server = await startTestServer({ clock });
    try {
      const creator = await signUp(server, 'creator');
      const metadata = { mediaId: newId(), kind: 'photo', filename: 'a.jpg', sha256: 'b'.repeat(64) };
      const created = await tus(`${server.url}/uploads`, 'POST', {
        Authorization: `Bearer ${creator.token}`,
        'Upload-Length': '5000',
        'Upload-Metadata': encodeMetadata(metadata),
      });
      const url = `${server.url}${created.headers.get('location')!}`;
      const jpegHead = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(996)]);
      const patched = await tus(
        url,
        'PATCH',
        {
          Authorization: `Bearer ${creator.token}`,
          'Upload-Offset': '0',
          'Content-Type': 'application/offset+octet-stream',
        },
        jpegHead,
      );
      expect([patched.status, patched.headers.get('upload-offset')]).toEqual([204, '1000']);
      clock.advance(UPLOAD_EXPIRY_MS - 60_000);
      await server.services.scheduler.runDue();
      expect((await tus(url, 'HEAD', { Authorization: `Bearer ${creator.token}` })).status).toBe(200);
      clock.advance(60_000);
      await server.services.scheduler.runDue();
      expect((await tus(url, 'HEAD', { Authorization: `Bearer ${creator.token}` })).status).toBe(404);
      expect(await creator.client.media.list.query()).toEqual([]);
      expect(readdirSync(path.join(path.dirname(server.mailOutbox), 'uploads'))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('media uploads across a server restart', () => {
  it('resumes an upload cut by a restart on the same data folder and database, then processes it once', async () => {
    const { openTestDatabase } = await import('../../test/test-server');
    const { startServer } = await import('../../app');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mesi-media-restart-'));
    const handle = await openTestDatabase();
    const kept = { ...handle, close: async () => undefined };
    const config = {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      databaseUrl: null,
      publicUrl: null,
      nodeEnv: 'test' as const,
      smtpUrl: null,
      mailFrom: 'Mesi <no-reply@localhost>',
      platformFeeBasisPoints: 1000,
      stripe: null,
    };
    const file = path.join(dataDir, 'clip.mp4');
    await makeVideo(file, { seconds: 2 });
    const first = await startServer(config, { database: kept });
    try {
      const { token } = await first.services.accounts.signUp({
        ip: '127.0.0.1',
        email: 'restart@example.test',
        password: 'correct horse battery staple',
        role: 'creator',
        handle: 'restart_creator',
        displayName: 'Restart',
      });
      const metadata = metadataFor(file, 'video');
      const half = Math.floor(statSync(file).size / 2);
      const cut = await tusUpload(first.url, file, {
        token,
        metadata,
        chunkSize: 32 * 1024,
        onProgress: (sent, _total, abort) => sent >= half && abort(),
      });
      await first.close();
      const second = await startServer(config, { database: kept });
      try {
        const resumed = await tusUpload(second.url, file, {
          token,
          uploadUrl: `${second.url}${new URL(cut.url!, first.url).pathname}`,
          chunkSize: 32 * 1024,
        });
        expect(resumed.error).toBeNull();
        const until = Date.now() + 60_000;
        let row = await second.db
          .selectFrom('media')
          .selectAll()
          .where('id', '=', metadata.mediaId)
          .executeTakeFirstOrThrow();
        while (row.status !== 'ready' && Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          row = await second.db
            .selectFrom('media')
            .selectAll()
            .where('id', '=', metadata.mediaId)
            .executeTakeFirstOrThrow();
        }
        expect(row).toMatchObject({ status: 'ready', sha256: sha256Of(file), upload_id: null });
        // One processing job, run once (it is marked done just after the item is ready).
        await expect
          .poll(async () => {
            const jobs = await second.db
              .selectFrom('scheduled_jobs')
              .selectAll()
              .where('kind', '=', 'media.process')
              .execute();
            return jobs.map((j) => [j.status, j.attempts]);
          })
          .toEqual([['done', 1]]);
      } finally {
        await second.close();
      }
    } finally {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
