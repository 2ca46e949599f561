import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { open as openFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock, systemClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { MEDIA_MAX_DURATION_MS, type MediaKind } from '@shared/domain/media/media';
import type { RootOperationNode } from 'kysely';
import { ServerProcess } from '../../../../src/main/studio/test/server-process';
import { LocalDiskStore } from '../../adapters/storage/local-disk-store';
import { startServer, type RunningServer } from '../../app';
import { DEFAULT_MEDIA_CONFIG } from '../../config';
import type { DatabaseHandle } from '../../db/database';
import { openTestDatabase, signUp, startTestServer, type TestServer } from '../../test/test-server';
import { mediaUrlSecret } from './media-url-secret';
import { MediaUrls } from './media-urls';
import { insertMedia } from '../posts/test/media-rows';
import { ScheduledJobRepository } from '../scheduler';
import { MediaUploads } from './media-uploads';
import { UploadFiles } from './upload-files';
import { bombPng, clientOf, encodeMetadata, rawHttp, SCRIPT_MARKUP, tusRequest } from './test/attack-http';
import {
  ffprobe,
  makeJpegWithGps,
  makeVideo,
  metadataFor,
  settledMedia,
  sha256Of,
  tusUpload,
} from './test/media-fixtures';

const run = promisify(execFile);

const MAX_UPLOAD = 3_000_000;
const QUOTA = 5_000_000;

type Account = Awaited<ReturnType<typeof signUp>>;

/**
 * The media feature probed as an attacker would: `/uploads` (tus) with every header and id a client can forge,
 * files that are not what they claim, and `/media/:id/:file` with every way of reaching a gated file without
 * its signature. One server for all of it (its limits small, so quotas are reachable).
 */
describe('media under attack', () => {
  let server: TestServer;
  let creator: Account;
  let rival: Account;
  let fan: Account;
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-media-attacks-'));
  const video = path.join(dir, 'clip.mp4');
  const photo = path.join(dir, 'photo.jpg');
  const dataDir = () => path.dirname(server.mailOutbox);
  const uploadsDir = () => path.join(dataDir(), 'uploads');
  const leftInUploads = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()).sort() : []);
  const auth = (account: Account) => ({ Authorization: `Bearer ${account.token}` });
  const mediaRows = (creatorId: string) =>
    server.db.selectFrom('media').selectAll().where('creator_id', '=', creatorId).execute();
  const absolute = (location: string | null) => `${server.url}${location!}`;

  /** Opens an upload of `bytes` declared bytes as `account`; its URL. */
  const open = async (account: Account, bytes: number, metadata: Record<string, string>) => {
    const created = await tusRequest(`${server.url}/uploads`, 'POST', {
      ...auth(account),
      'Upload-Length': String(bytes),
      'Upload-Metadata': encodeMetadata(metadata),
    });
    expect(created.status, created.text).toBe(201);
    return absolute(created.headers.get('location'));
  };
  const patch = (url: string, account: Account, offset: number, body: Uint8Array, extra = {}) =>
    tusRequest(
      url,
      'PATCH',
      {
        ...auth(account),
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
        ...extra,
      },
      body,
    );
  const offsetOf = async (url: string, account: Account) =>
    (await tusRequest(url, 'HEAD', auth(account))).headers.get('upload-offset');

  /** A PATCH whose body is streamed without a Content-Length (chunked), as a client may send it. */
  const streamPatch = (url: string, account: Account, offset: number, body: Buffer) =>
    fetch(url, {
      method: 'PATCH',
      headers: {
        ...auth(account),
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      },
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < body.length; at += 16 * 1024)
            controller.enqueue(body.subarray(at, at + 16 * 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  /** Uploads `file` as `kind` through tus-js-client and waits for the server to settle it. */
  const uploadSettled = async (account: Account, file: string, kind: MediaKind, filename: string) => {
    const metadata = metadataFor(file, kind, filename);
    const outcome = await tusUpload(server.url, file, { token: account.token, metadata });
    expect(outcome.error, outcome.body ?? undefined).toBeNull();
    return { id: metadata.mediaId, item: await settledMedia(account.client, metadata.mediaId) };
  };

  beforeAll(async () => {
    server = await startTestServer({
      config: { media: { ...DEFAULT_MEDIA_CONFIG, maxUploadBytes: MAX_UPLOAD, quotaBytes: QUOTA } },
    });
    [creator, rival, fan] = await Promise.all([
      signUp(server, 'creator'),
      signUp(server, 'creator'),
      signUp(server, 'fan'),
    ]);
    await makeVideo(video, { seconds: 2, size: '320x180' });
    await makeJpegWithGps(photo, 800, 600);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('/uploads: who may open, touch or end an upload', () => {
    it('refuses every request without a live session in the Authorization header (401), keeping nothing', async () => {
      const ended = await signUp(server, 'creator');
      await ended.client.accounts.signOut.mutate();
      const metadata = encodeMetadata(metadataFor(video, 'video'));
      const attempts: [string, Record<string, string>, string][] = [
        ['no header', {}, 'Sign in first\n'],
        ['Bearer and nothing', { Authorization: 'Bearer' }, 'Sign in first\n'],
        ['two tokens', { Authorization: `Bearer ${creator.token} ${creator.token}` }, 'Sign in first\n'],
        [
          'Basic',
          { Authorization: `Basic ${Buffer.from('a@b.c:pw').toString('base64')}` },
          'Sign in first\n',
        ],
        ['garbage', { Authorization: 'Bearer x' }, 'Your session has ended; sign in again\n'],
        [
          'a token one character off',
          { Authorization: `Bearer ${creator.token}x` },
          'Your session has ended; sign in again\n',
        ],
        ['a signed-out token', auth(ended), 'Your session has ended; sign in again\n'],
      ];
      for (const [what, headers, body] of attempts) {
        const answer = await tusRequest(`${server.url}/uploads`, 'POST', {
          'Upload-Length': '1000',
          'Upload-Metadata': metadata,
          ...headers,
        });
        expect([answer.status, answer.text], what).toEqual([401, body]);
        expect(answer.headers.get('cache-control'), what).toBe('no-store');
      }
      // The session cookie is never a way in (from this site it is no session for tus; without an Origin the
      // origin policy refuses a cookie-carrying write outright), nor is a token in the query string.
      const withCookie = await tusRequest(`${server.url}/uploads`, 'POST', {
        'Upload-Length': '1000',
        'Upload-Metadata': metadata,
        Cookie: `mesi_session=${creator.token}`,
      });
      expect(withCookie.status).toBe(403);
      const sameSiteCookie = await tusRequest(`${server.url}/uploads`, 'POST', {
        'Upload-Length': '1000',
        'Upload-Metadata': metadata,
        Cookie: `mesi_session=${creator.token}`,
        Origin: server.url,
      });
      expect([sameSiteCookie.status, sameSiteCookie.text]).toEqual([401, 'Sign in first\n']);
      const inQuery = await tusRequest(`${server.url}/uploads?token=${creator.token}`, 'POST', {
        'Upload-Length': '1000',
        'Upload-Metadata': metadata,
      });
      expect(inQuery.status).toBe(401);

      // An upload that exists: HEAD, PATCH and DELETE without a session are refused the same way.
      const url = await open(creator, 1000, metadataFor(video, 'video'));
      for (const method of ['HEAD', 'PATCH', 'DELETE']) {
        const answer = await tusRequest(url, method, {
          'Upload-Offset': '0',
          'Content-Type': 'application/offset+octet-stream',
        });
        expect(answer.status, method).toBe(401);
      }
      expect(await offsetOf(url, creator)).toBe('0');
      await tusRequest(url, 'DELETE', auth(creator));
      expect((await mediaRows(ended.account.id)).length).toBe(0);
    });

    it("refuses a fan, and a creator naming another creator's id, without saying more (403), keeping nothing", async () => {
      const good = metadataFor(video, 'video');
      const cases: [Account, Record<string, string>, string][] = [
        [fan, good, 'Only creator accounts can upload media\n'],
        [fan, { ...good, creatorId: creator.account.id }, "You cannot add this creator's media\n"],
        [rival, { ...good, creatorId: creator.account.id }, "You cannot add this creator's media\n"],
        // An account that does not exist reads the same as one that does.
        [rival, { ...good, creatorId: newId() }, "You cannot add this creator's media\n"],
      ];
      for (const [account, metadata, body] of cases) {
        const answer = await tusRequest(`${server.url}/uploads`, 'POST', {
          ...auth(account),
          'Upload-Length': '1000',
          'Upload-Metadata': encodeMetadata(metadata),
        });
        expect([answer.status, answer.text]).toEqual([403, body]);
      }
      expect(
        await server.db.selectFrom('media').selectAll().where('id', '=', good.mediaId).execute(),
      ).toEqual([]);
    });

    it("answers a stranger's and forged upload ids 404 (or 400), never touching the real upload or a file outside", async () => {
      const url = await open(creator, statSync(photo).size, metadataFor(photo, 'photo', 'p.jpg'));
      const id = new URL(url).pathname.split('/').pop()!;
      const before = leftInUploads();
      expect(before).toEqual([id, `${id}.json`].sort());
      const forged = [
        '..',
        '%2e%2e',
        '%2E%2E',
        '..%2f..%2fpglite',
        '%2e%2e%2f%2e%2e%2fmedia-url-secret',
        `${id}.json`,
        id.toUpperCase(),
        `${id}%00`,
        `%00${id}`,
        `${id}%2f..%2f${id}`,
        `${id}%20`,
        'a'.repeat(4000),
        '0'.repeat(32),
      ];
      // Sent as written (fetch would resolve `..` and `%2e%2e` itself before they reach the server).
      for (const forgedId of forged) {
        for (const method of ['HEAD', 'PATCH', 'DELETE']) {
          const answer = await rawHttp(server.url, {
            method,
            target: `/uploads/${forgedId}`,
            headers: {
              ...auth(creator),
              'Tus-Resumable': '1.0.0',
              'Upload-Offset': '0',
              'Content-Type': 'application/offset+octet-stream',
            },
            body: method === 'PATCH' ? Buffer.from([0xff, 0xd8, 0xff, 0xe0]) : undefined,
          });
          expect([400, 404], `${method} ${forgedId.slice(0, 60)}`).toContain(answer.status);
        }
      }
      // As sent on the wire, unnormalised: `..` segments and a raw NUL.
      for (const target of [
        `/uploads/../uploads/${id}`,
        `/uploads/${id}/..`,
        `/uploads/..`,
        `/uploads/./${id}`,
        `/uploads/${id}\0`,
      ]) {
        const answer = await rawHttp(server.url, {
          method: 'DELETE',
          target,
          headers: { ...auth(creator), 'Tus-Resumable': '1.0.0' },
        });
        expect([400, 404], JSON.stringify(target)).toContain(answer.status);
      }
      // A stranger gets 404 on the real one, whatever the method; the owner still finds it untouched.
      for (const method of ['HEAD', 'PATCH', 'DELETE']) {
        const answer = await tusRequest(
          url,
          method,
          { ...auth(rival), 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
          method === 'PATCH' ? readFileSync(photo).subarray(0, 1000) : undefined,
        );
        expect([answer.status, answer.text], method).toEqual([
          404,
          method === 'HEAD' ? '' : 'No such upload\n',
        ]);
      }
      // The upload folder is not readable through tus's GET, even by the owner.
      expect((await fetch(url, { headers: auth(creator) })).status).toBe(404);
      expect(await offsetOf(url, creator)).toBe('0');
      expect(leftInUploads()).toEqual(before);
      expect(readFileSync(path.join(dataDir(), 'media-url-secret'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
      await tusRequest(url, 'DELETE', auth(creator));
      expect(leftInUploads()).toEqual([]);
    });

    it('refuses a cookie-carrying request from another site on an upload, and grants no other origin through CORS', async () => {
      const url = await open(creator, 1000, metadataFor(video, 'video'));
      const crossSite = { Cookie: `mesi_session=${creator.token}`, Origin: 'https://evil.example' };
      for (const method of ['PATCH', 'DELETE', 'POST']) {
        const answer = await tusRequest(method === 'POST' ? `${server.url}/uploads` : url, method, {
          ...crossSite,
          'Upload-Offset': '0',
          'Upload-Length': '1000',
          'Content-Type': 'application/offset+octet-stream',
        });
        expect(answer.status, method).toBe(403);
        expect(answer.headers.get('access-control-allow-origin'), method).toBeNull();
      }
      // A preflight from another site, and a request with a bearer token sent from one: no CORS grant.
      const preflight = await fetch(`${server.url}/uploads`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://evil.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, upload-length, upload-metadata, tus-resumable',
        },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      const head = await tusRequest(url, 'HEAD', { ...auth(creator), Origin: 'https://evil.example' });
      expect(head.status).toBe(200);
      expect(head.headers.get('access-control-allow-origin')).toBeNull();
      // The concatenation extension is off: neither advertised nor taken.
      expect(preflight.headers.get('tus-extension') ?? '').not.toMatch(/concatenation/);
      for (const concat of ['partial', `final;${new URL(url).pathname} ${new URL(url).pathname}`]) {
        const answer = await tusRequest(`${server.url}/uploads`, 'POST', {
          ...auth(creator),
          'Upload-Concat': concat,
          'Upload-Length': '1000',
          'Upload-Metadata': encodeMetadata(metadataFor(video, 'video')),
        });
        expect(answer.status, concat).toBeGreaterThanOrEqual(400);
        expect(answer.status, concat).toBeLessThan(600);
        expect(answer.status, concat).not.toBe(500);
      }
      expect(await offsetOf(url, creator)).toBe('0');
      await tusRequest(url, 'DELETE', auth(creator));
    });
  });

  describe('/uploads: forged headers', () => {
    it('refuses an Upload-Length that is not a whole number of bytes within the limit, before anything is kept', async () => {
      const who = await signUp(server, 'creator');
      const metadata = encodeMetadata(metadataFor(video, 'video'));
      const lengths: [string, number][] = [
        ['-1', 400],
        ['abc', 400],
        ['1.5', 400],
        ['1e3', 400],
        ['0x10', 400],
        ['', 400],
        ['00010', 400],
        ['9007199254740993', 400], // above 2^53: not exactly representable
        ['99999999999999999999999', 400],
        ['0', 400],
        [String(MAX_UPLOAD + 1), 413],
        [String(Number.MAX_SAFE_INTEGER), 413],
      ];
      for (const [length, status] of lengths) {
        const answer = await tusRequest(`${server.url}/uploads`, 'POST', {
          ...auth(who),
          'Upload-Length': length,
          'Upload-Metadata': metadata,
        });
        expect(answer.status, `Upload-Length: ${length}`).toBe(status);
      }
      const both = await tusRequest(`${server.url}/uploads`, 'POST', {
        ...auth(who),
        'Upload-Length': '1000',
        'Upload-Defer-Length': '1',
        'Upload-Metadata': metadata,
      });
      expect(both.status).toBe(400);
      const deferred = await tusRequest(`${server.url}/uploads`, 'POST', {
        ...auth(who),
        'Upload-Defer-Length': '1',
        'Upload-Metadata': metadata,
      });
      expect([deferred.status, deferred.text]).toEqual([
        400,
        'Upload-Length is required: declare the file size when opening the upload\n',
      ]);
      expect(await mediaRows(who.account.id)).toEqual([]);
    });

    it('refuses Upload-Metadata that is malformed, duplicated, incomplete or oversized, keeping nothing', async () => {
      const who = await signUp(server, 'creator');
      const good = metadataFor(video, 'video');
      const b64 = (text: string) => Buffer.from(text).toString('base64');
      const { sha256: _sha, ...withoutSha } = good;
      const cases: [string, string, number, RegExp][] = [
        ['not base64', `mediaId !!!!,kind ${b64('video')}`, 400, /metadata/i],
        ['base64 of a wrong length', `mediaId abc,kind ${b64('video')}`, 400, /metadata/i],
        ['a key twice', `${encodeMetadata(good)},mediaId ${b64(newId())}`, 400, /metadata/i],
        ['a key without its value', encodeMetadata(withoutSha) + ',sha256', 400, /sha256/],
        ['no sha256', encodeMetadata(withoutSha), 400, /sha256/],
        ['an empty header', '', 400, /metadata/i],
        ['a NUL in the file name', encodeMetadata({ ...good, filename: 'a\0.mp4' }), 400, /filename/],
        [
          'a file name of 256 characters',
          encodeMetadata({ ...good, filename: 'a'.repeat(256) }),
          400,
          /filename/,
        ],
        ['creatorId not a UUID', encodeMetadata({ ...good, creatorId: 'me' }), 400, /creatorId/],
        [
          'an uppercase SHA-256',
          encodeMetadata({ ...good, sha256: good.sha256.toUpperCase() }),
          400,
          /sha256/,
        ],
      ];
      for (const [what, header, status, body] of cases) {
        const answer = await tusRequest(`${server.url}/uploads`, 'POST', {
          ...auth(who),
          'Upload-Length': '1000',
          'Upload-Metadata': header,
        });
        expect(answer.status, what).toBe(status);
        expect(answer.text, what).toMatch(body);
      }
      // A header far over what the server reads (Node's 16 KiB) is refused by the HTTP layer.
      const huge = await tusRequest(`${server.url}/uploads`, 'POST', {
        ...auth(who),
        'Upload-Length': '1000',
        'Upload-Metadata': encodeMetadata({ ...good, filename: 'a'.repeat(20_000) }),
      });
      expect(huge.status).toBe(431);
      expect(await mediaRows(who.account.id)).toEqual([]);
      expect((await who.client.media.list.query()).length).toBe(0);
    });

    it("refuses a media id already taken with the same words whether it is the caller's or another creator's", async () => {
      const { id: mine } = await uploadSettled(creator, photo, 'photo', 'mine.jpg');
      const { id: theirs } = await uploadSettled(rival, photo, 'photo', 'theirs.jpg');
      const answers = [];
      for (const mediaId of [mine, theirs]) {
        const answer = await tusRequest(`${server.url}/uploads`, 'POST', {
          ...auth(creator),
          'Upload-Length': String(statSync(photo).size),
          'Upload-Metadata': encodeMetadata({ ...metadataFor(photo, 'photo'), mediaId }),
        });
        answers.push([answer.status, answer.text.replace(mediaId, '<id>')]);
      }
      expect(answers[0]).toEqual([409, 'Media <id> was uploaded already\n']);
      expect(answers[1]).toEqual(answers[0]);
      // The rival's item is untouched.
      const [row] = await server.db.selectFrom('media').selectAll().where('id', '=', theirs).execute();
      expect(row).toMatchObject({ creator_id: rival.account.id, status: 'ready' });
    });

    it('keeps an upload whole through PATCHes at the wrong offset, of the wrong type, or longer than declared', async () => {
      const bytes = readFileSync(photo);
      const metadata = metadataFor(photo, 'photo', 'p.jpg');
      const url = await open(creator, bytes.length, metadata);
      const id = new URL(url).pathname.split('/').pop()!;
      const wrongOffset = await patch(url, creator, 5, bytes.subarray(0, 100));
      expect(wrongOffset.status).toBe(409);
      const wrongType = await patch(url, creator, 0, bytes.subarray(0, 100), {
        'Content-Type': 'application/octet-stream',
      });
      expect([400, 415]).toContain(wrongType.status);
      const negative = await patch(url, creator, -1, bytes.subarray(0, 100));
      expect(negative.status).toBe(400);
      const resize = await patch(url, creator, 0, bytes.subarray(0, 100), { 'Upload-Length': '10' });
      expect(resize.status).toBe(400);
      const tooLong = await patch(url, creator, 0, Buffer.concat([bytes, Buffer.from(SCRIPT_MARKUP)]));
      expect(tooLong.status).toBe(413);
      expect(await offsetOf(url, creator)).toBe('0');

      // Streamed without a length, past the declared size: no more than the declared size is ever kept.
      const overflow = Buffer.concat([bytes, Buffer.from(SCRIPT_MARKUP.repeat(100))]);
      const streamed = await streamPatch(url, creator, 0, overflow);
      expect(streamed.status).toBe(413);
      const offset = Number(await offsetOf(url, creator));
      expect(offset).toBeLessThanOrEqual(bytes.length);
      const onDisk = path.join(uploadsDir(), id);
      expect(statSync(onDisk).size).toBe(offset);
      expect(readFileSync(onDisk).equals(bytes.subarray(0, offset))).toBe(true);

      // The rest, sent right: the file that arrived is exactly the declared one, and it is processed.
      if (offset < bytes.length) {
        const rest = await patch(url, creator, offset, bytes.subarray(offset));
        expect(rest.status, rest.text).toBe(204);
      } else {
        expect((await tusRequest(url, 'HEAD', auth(creator))).status).toBe(200); // the HEAD finishes it
      }
      expect(await settledMedia(creator.client, metadata.mediaId)).toMatchObject({ status: 'ready' });
    });

    // tus refuses a body longer than the upload with its MaxFileExceededError (an Error carrying status_code
    // 413): the client hears that 413 (tus-js-client stops instead of retrying a 500), and the server's log
    // gets nothing (anyone could fill it otherwise).
    it('answers a streamed body longer than the upload 413, not 500, and logs nothing', async () => {
      const bytes = readFileSync(photo);
      const url = await open(creator, bytes.length, metadataFor(photo, 'photo', 'p.jpg'));
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const streamed = await streamPatch(url, creator, 0, Buffer.concat([bytes, randomBytes(200_000)]));
        expect([streamed.status, await streamed.text()]).toEqual([413, 'Maximum size exceeded\n']);
        expect(logged).not.toHaveBeenCalled();
      } finally {
        logged.mockRestore();
        await tusRequest(url, 'DELETE', auth(creator));
      }
    });

    it('counts two uploads opened at the same moment one after the other against the quota', async () => {
      const who = await signUp(server, 'creator');
      const size = Math.floor(QUOTA * 0.55); // each fits alone (and under MAX_UPLOAD), not both
      expect(size).toBeLessThanOrEqual(MAX_UPLOAD);
      const racing = await Promise.all(
        [0, 1, 2].map(() =>
          tusRequest(`${server.url}/uploads`, 'POST', {
            ...auth(who),
            'Upload-Length': String(size),
            'Upload-Metadata': encodeMetadata(metadataFor(video, 'video')),
          }),
        ),
      );
      expect(racing.map((answer) => answer.status).sort()).toEqual([201, 413, 413]);
      const rows = await mediaRows(who.account.id);
      expect(rows.length).toBe(1);
      // Ending the one that got in frees its share.
      const winner = racing.find((answer) => answer.status === 201)!;
      expect((await tusRequest(absolute(winner.headers.get('location')), 'DELETE', auth(who))).status).toBe(
        204,
      );
      const again = await tusRequest(`${server.url}/uploads`, 'POST', {
        ...auth(who),
        'Upload-Length': String(size),
        'Upload-Metadata': encodeMetadata(metadataFor(video, 'video')),
      });
      expect(again.status).toBe(201);
      await tusRequest(absolute(again.headers.get('location')), 'DELETE', auth(who));
    });
  });

  describe('content that is not what it claims', () => {
    it('refuses an executable, HTML and SVG declared as media at their first bytes (415), keeping nothing', async () => {
      const who = await signUp(server, 'creator');
      const files: [string, Buffer, MediaKind, string][] = [
        [
          'setup.jpg',
          Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00'), randomBytes(5000)]),
          'photo',
          'not a photo',
        ],
        ['page.jpg', Buffer.from(`<!DOCTYPE html>${SCRIPT_MARKUP}`.repeat(20)), 'photo', 'not a photo'],
        [
          'image.svg',
          Buffer.from(
            `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">${SCRIPT_MARKUP}</svg>`.repeat(10),
          ),
          'photo',
          'not a photo',
        ],
        [
          'playlist.mp4',
          Buffer.from(`#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1,\nfile:///etc/passwd\n`.repeat(5)),
          'video',
          'not a video',
        ],
        ['song.mp3', Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(5000)]), 'audio', 'not audio'],
      ];
      for (const [name, bytes, kind, words] of files) {
        const file = path.join(dir, name);
        writeFileSync(file, bytes);
        const outcome = await tusUpload(server.url, file, {
          token: who.token,
          metadata: metadataFor(file, kind, name),
        });
        expect(outcome.status, name).toBe(415);
        expect(outcome.body, name).toContain(`The file is ${words}`);
      }
      // The same, sent in the creating POST itself (creation-with-upload).
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(2000)]);
      const inPost = await tusRequest(
        `${server.url}/uploads`,
        'POST',
        {
          ...auth(who),
          'Upload-Length': String(exe.length),
          'Upload-Metadata': encodeMetadata({
            mediaId: newId(),
            kind: 'photo',
            filename: 'x.jpg',
            sha256: sha256Of(path.join(dir, 'setup.jpg')),
          }),
          'Content-Type': 'application/offset+octet-stream',
        },
        exe,
      );
      expect(inPost.status).toBe(415);
      expect(await mediaRows(who.account.id)).toEqual([]);
      await expect.poll(leftInUploads).toEqual([]);
    });

    it('re-encodes a JPEG carrying HTML (a polyglot) and serves only real WebP and JPEG, typed and not sniffable', async () => {
      const polyglot = path.join(dir, 'polyglot.jpg');
      writeFileSync(polyglot, Buffer.concat([readFileSync(photo), Buffer.from(SCRIPT_MARKUP.repeat(50))]));
      const metadata = { ...metadataFor(polyglot, 'photo', 'page.html'), filetype: 'text/html' };
      const outcome = await tusUpload(server.url, polyglot, { token: creator.token, metadata });
      expect(outcome.error).toBeNull();
      expect(await settledMedia(creator.client, metadata.mediaId)).toMatchObject({ status: 'ready' });
      const urls = server.services.media.urls;
      for (const [file, type, magic] of [
        ['full.webp', 'image/webp', 'WEBP'],
        ['full.jpg', 'image/jpeg', '\xff\xd8\xff'],
        ['thumb.webp', 'image/webp', 'WEBP'],
        ['preview.webp', 'image/webp', 'WEBP'],
      ] as const) {
        const response = await fetch(
          `${server.url}${urls.signed(metadata.mediaId, file, new Date(Date.now() + 60_000))}`,
        );
        expect(response.status, file).toBe(200);
        expect(response.headers.get('content-type'), file).toBe(type);
        expect(response.headers.get('x-content-type-options'), file).toBe('nosniff');
        expect(response.headers.get('content-disposition'), file).toBeNull();
        expect(response.headers.get('content-security-policy'), file).toMatch(/default-src/);
        const bytes = Buffer.from(await response.arrayBuffer());
        const head = bytes.subarray(0, 12).toString('latin1');
        expect(magic === 'WEBP' ? head.slice(8, 12) : head.slice(0, 3), file).toBe(magic);
        expect(bytes.includes(Buffer.from('<script')), file).toBe(false);
        expect(bytes.includes(Buffer.from('<html')), file).toBe(false);
        expect((await sharp(bytes).metadata()).format, file).toBe(magic === 'WEBP' ? 'webp' : 'jpeg');
      }
    });

    it('fails a file with the right first bytes that no decoder can read, with its reason, serving nothing', async () => {
      const cases: [string, Buffer, MediaKind][] = [
        [
          'fake.jpg',
          Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(SCRIPT_MARKUP.repeat(40))]),
          'photo',
        ],
        ['fake.mp4', Buffer.concat([readFileSync(video).subarray(0, 64), randomBytes(150_000)]), 'video'],
      ];
      for (const [name, bytes, kind] of cases) {
        const file = path.join(dir, name);
        writeFileSync(file, bytes);
        const { id, item } = await uploadSettled(creator, file, kind, name);
        expect(item.status, name).toBe('failed');
        expect(item.failure?.length, name).toBeGreaterThan(20);
        for (const rendition of ['thumb.webp', 'preview.webp', 'preview.mp4']) {
          expect((await fetch(`${server.url}/media/${id}/${rendition}`)).status, name).toBe(404);
        }
      }
      await expect.poll(leftInUploads).toEqual([]);
    });

    it('refuses a kind that is not the content: a video as a photo, audio as a video, an MP4 without a picture', async () => {
      const m4a = path.join(dir, 'sound.m4a');
      const soundOnlyMp4 = path.join(dir, 'sound-only.mp4');
      await run('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440',
        '-t',
        '2',
        '-c:a',
        'aac',
        m4a,
      ]);
      await run('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440',
        '-t',
        '2',
        '-c:a',
        'aac',
        '-f',
        'mp4',
        '-brand',
        'isom',
        soundOnlyMp4,
      ]);
      const asPhoto = await tusUpload(server.url, video, {
        token: creator.token,
        metadata: metadataFor(video, 'photo'),
      });
      expect([asPhoto.status, asPhoto.body]).toEqual([
        415,
        'The file is MP4 video content, not a photo as declared\n',
      ]);
      const photoAsVideo = await tusUpload(server.url, photo, {
        token: creator.token,
        metadata: metadataFor(photo, 'video'),
      });
      expect([photoAsVideo.status, photoAsVideo.body]).toEqual([
        415,
        'The file is JPEG photo content, not a video as declared\n',
      ]);
      const audioAsVideo = await tusUpload(server.url, m4a, {
        token: creator.token,
        metadata: metadataFor(m4a, 'video'),
      });
      expect(audioAsVideo.status).toBe(415);
      // The MP4 container says video; ffprobe says there is no picture: failed with the reason, not served.
      const { item } = await uploadSettled(creator, soundOnlyMp4, 'video', 'sound-only.mp4');
      expect(item).toMatchObject({
        status: 'failed',
        failure: 'The file has no video in it; upload it as audio, or check the file',
      });
    });

    // A duration bomb: a 60 KB Matroska file of 12 H.264 frames whose timestamps jump (3 frames at 30 fps, then
    // one every 10 s) is a 90-second video to ffprobe. With MP4's default constant frame rate the web rendition
    // filled every gap with copies (~2,700 frames here, ~1 million with an hour between frames, hours of CPU).
    // The encoder keeps each frame's timestamp (-fps_mode vfr) and limits ffmpeg's time; the server refuses a
    // file claiming more than MEDIA_MAX_DURATION_MS (see the next test).
    it('does not turn a few frames far apart into minutes of duplicated frames (a duration bomb)', async () => {
      const bomb = path.join(dir, 'bomb.mkv');
      await run('ffmpeg', [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-t', '0.4', '-i', 'testsrc2=size=320x180:rate=30'],
        ...['-vf', "setpts='if(gte(N,3),(N-3)*10/TB+0.1/TB,PTS)'", '-fps_mode', 'passthrough'],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', bomb],
      ]);
      const frames = async (file: string) => {
        const { stdout } = await run('ffprobe', [
          ...['-v', 'error', '-count_frames', '-select_streams', 'v:0'],
          ...['-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file],
        ]);
        return Number(stdout.trim());
      };
      expect(await frames(bomb)).toBe(12);
      expect(statSync(bomb).size).toBeLessThan(200_000);
      const { id, item } = await uploadSettled(creator, bomb, 'video', 'bomb.mkv');
      if (item.status === 'failed') {
        expect(item.failure?.length).toBeGreaterThan(20);
        return;
      }
      const signedFull = server.services.media.urls.signed(id, 'full.mp4', new Date(Date.now() + 60_000));
      const served = path.join(dir, 'bomb-served.mp4');
      writeFileSync(served, Buffer.from(await (await fetch(`${server.url}${signedFull}`)).arrayBuffer()));
      expect(await frames(served)).toBeLessThanOrEqual(2 * 12 + 30);
    });

    it('fails a video claiming more than 4 hours (a few frames hours apart, a web-ready MP4) before encoding it', async () => {
      // 6 H.264 frames: 3 at 30 fps, then one 5 h later and one 10 h later. Web-ready, so without the cap it
      // would be copied as it is and served as a 10-hour video.
      const long = path.join(dir, 'ten-hours.mp4');
      await run('ffmpeg', [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-t', '0.2', '-i', 'testsrc2=size=320x180:rate=30'],
        ...['-vf', "setpts='if(gte(N,3),(N-3)*18000/TB+0.1/TB,PTS)'", '-fps_mode', 'passthrough'],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', long],
      ]);
      expect(Number((await ffprobe(long)).format.duration)).toBeGreaterThan(MEDIA_MAX_DURATION_MS / 1000);
      const { id, item } = await uploadSettled(creator, long, 'video', 'ten-hours.mp4');
      expect(item).toMatchObject({
        status: 'failed',
        failure:
          'The video is 10 h long; media may be at most 4 h: trim it or split it into parts, then upload it again',
      });
      expect((await fetch(`${server.url}/media/${id}/thumb.webp`)).status).toBe(404);
      await expect.poll(leftInUploads).toEqual([]);
    });

    it('fails an image bomb (a tiny PNG claiming billions of pixels) before decoding it, keeping nothing', async () => {
      for (const [width, height] of [
        [50_000, 50_000],
        [11_000, 10_000], // 110 MP: under the side limit, over the pixel limit
      ] as const) {
        const file = path.join(dir, `bomb-${width}.png`);
        writeFileSync(file, bombPng(width, height));
        expect(statSync(file).size).toBeLessThan(MAX_UPLOAD);
        const started = Date.now();
        const { id, item } = await uploadSettled(creator, file, 'photo', 'bomb.png');
        expect(item.status).toBe('failed');
        expect(item.failure).toMatch(new RegExp(`too large: ${width} × ${height} pixels`));
        expect(Date.now() - started).toBeLessThan(30_000);
        expect((await fetch(`${server.url}/media/${id}/thumb.webp`)).status).toBe(404);
      }
      await expect.poll(leftInUploads).toEqual([]);
      expect(readdirSync(path.join(dataDir(), 'media-work'))).toEqual([]);
    });
  });

  describe('/media/:mediaId/:file: every way to a gated file without its signature', () => {
    let videoId: string;
    let photoId: string;
    let whole: Buffer; // the video's full.mp4
    const get = async (target: string, headers: Record<string, string> = {}, verb = 'GET') => {
      const response = await fetch(`${server.url}${target}`, { method: verb, headers });
      if (verb === 'HEAD') heads.add(response);
      return response;
    };
    const signed = (id: string, file: string, ms = 60_000) =>
      server.services.media.urls.signed(id, file, new Date(Date.now() + ms));
    const heads = new WeakSet<Response>();
    const method = (response: Response) => (heads.has(response) ? 'HEAD' : 'GET');
    const expectRefused = async (response: Response, what: string) => {
      expect(response.status, what).toBe(404);
      expect(response.headers.get('cache-control'), what).toBe('no-store');
      expect(response.headers.get('content-range'), what).toBeNull();
      expect(await response.text(), what).toBe(method(response) === 'HEAD' ? '' : 'Not found\n');
    };

    beforeAll(async () => {
      videoId = (await uploadSettled(creator, video, 'video', 'clip.mp4')).id;
      photoId = (await uploadSettled(creator, photo, 'photo', 'p.jpg')).id;
      // The video is in a published post (its thumb and preview public); the photo in none.
      const post = await creator.client.posts.create.mutate({
        draft: {
          title: 'Clip',
          body: '',
          accessRule: { kind: 'public' },
          media: [{ mediaId: videoId, caption: '' }],
        },
      });
      await creator.client.posts.publish.mutate({ id: post.id });
      whole = Buffer.from(await (await get(signed(videoId, 'full.mp4'))).arrayBuffer());
      expect((await ffprobe(writeTemp('whole.mp4', whole))).format.format_name).toContain('mp4');
    });
    const writeTemp = (name: string, bytes: Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return file;
    };

    it('refuses a missing, borrowed, tampered or duplicated signature the same way (404, not cached)', async () => {
      const good = new URL(signed(videoId, 'full.mp4'), 'http://x');
      const exp = good.searchParams.get('exp')!;
      const sig = good.searchParams.get('sig')!;
      const photoUrl = new URL(signed(photoId, 'full.webp'), 'http://x');
      const [photoExp, photoSig] = [photoUrl.searchParams.get('exp')!, photoUrl.searchParams.get('sig')!];
      const full = `/media/${videoId}/full.mp4`;
      const attempts = [
        full,
        `${full}?exp=${exp}`,
        `${full}?sig=${sig}`,
        `${full}?exp=${exp}&sig=`,
        `${full}?exp=&sig=${sig}`,
        `/media/${photoId}/full.webp?exp=${exp}&sig=${sig}`, // this signature on another item
        `/media/${videoId}/poster.webp?exp=${exp}&sig=${sig}`, // …on another file of the item
        `${full}?exp=${photoExp}&sig=${photoSig}`, // another item's signature
        `${full}?exp=${Number(exp) + 1}&sig=${sig}`, // a later expiry
        `${full}?exp=${Number(exp) + 365 * 86_400}&sig=${sig}`,
        `${full}?exp=${exp}.0&sig=${sig}`,
        `${full}?exp=%2B${exp}&sig=${sig}`,
        `${full}?exp=-${exp}&sig=${sig}`,
        `${full}?exp=${exp}&sig=${sig}%3D`,
        `${full}?exp=${exp}&sig=${sig.toUpperCase()}`,
        `${full}?exp=${exp}&sig=${sig}%00`,
        `${full}?exp=${exp}&sig=${sig}&sig=${sig}`, // the same signature twice
        `${full}?exp=${exp}&exp=${exp}&sig=${sig}`,
        `${full}?exp[]=${exp}&sig=${sig}`,
        `${full}?exp=${exp}&sig[]=${sig}`,
        `${full}?exp=9999999999999&sig=${sig}`,
        `/media/${videoId.toUpperCase()}/full.mp4?exp=${exp}&sig=${sig}`,
      ];
      for (const attempt of attempts) {
        await expectRefused(await get(attempt), attempt);
        await expectRefused(await get(attempt, { Range: 'bytes=0-99' }), `${attempt} with a range`);
        await expectRefused(await get(attempt, {}, 'HEAD'), `HEAD ${attempt}`);
      }
      // A validator (If-None-Match with the file's ETag) does not stand in for the signature either.
      const etag = (await get(`${good.pathname}${good.search}`, {}, 'HEAD')).headers.get('etag')!;
      expect(etag).toMatch(/^".+"$/);
      await expectRefused(await get(full, { 'If-None-Match': etag }), 'If-None-Match without a signature');
      expect((await get(`${good.pathname}${good.search}`, { 'If-None-Match': etag })).status).toBe(304);
      expect((await get(`${good.pathname}${good.search}`)).status).toBe(200);
    });

    it('refuses a signed URL once its expiry has passed, ranges and HEAD included', async () => {
      const url = signed(videoId, 'full.mp4', 1_000);
      const exp = Number(new URL(url, 'http://x').searchParams.get('exp')) * 1000;
      expect((await get(url, { Range: 'bytes=0-9' })).status).toBe(206);
      await new Promise((resolve) => setTimeout(resolve, exp - Date.now() + 50));
      await expectRefused(await get(url), 'expired');
      await expectRefused(await get(url, { Range: 'bytes=0-9' }), 'expired, with a range');
      await expectRefused(await get(url, {}, 'HEAD'), 'expired, HEAD');
    });

    it('serves nothing of an item that is uploading, processing, failed or deleted, even with its files stored', async () => {
      const [row] = await server.db.selectFrom('media').selectAll().where('id', '=', videoId).execute();
      const states = [
        { status: 'uploading', deleted_at: null, ready_at: null, failure: null },
        { status: 'processing', deleted_at: null, ready_at: null, failure: null },
        { status: 'failed', deleted_at: null, ready_at: null, failure: 'ffmpeg could not read it' },
        { status: 'ready', deleted_at: new Date(), ready_at: new Date(), failure: null },
      ] as const;
      for (const state of states) {
        // The same stored renditions as the ready video: only the row's state stands between them and a fan.
        const id = newId();
        await server.db
          .insertInto('media')
          .values({
            ...row!,
            ...state,
            id,
            upload_id: null,
            renditions: JSON.stringify(row!.renditions),
          })
          .execute();
        for (const file of ['full.mp4', 'poster.webp']) {
          await expectRefused(await get(signed(id, file)), `${state.status} ${file}`);
          await expectRefused(await get(signed(id, file), {}, 'HEAD'), `${state.status} HEAD ${file}`);
        }
        for (const file of ['thumb.webp', 'preview.mp4']) {
          await expectRefused(await get(`/media/${id}/${file}`), `${state.status} ${file}`);
        }
      }
    });

    it('refuses path tricks in the file name and never serves the data folder', async () => {
      const secret = readFileSync(path.join(dataDir(), 'media-url-secret'), 'utf8').trim();
      const targets = [
        `/media/${videoId}/..%2f..%2fmedia-url-secret`,
        `/media/${videoId}/%2e%2e%2f%2e%2e%2fmedia-url-secret`,
        `/media/${videoId}/..%5c..%5cmedia-url-secret`,
        `/media/${videoId}/full.mp4%00`,
        `/media/${videoId}/thumb.webp%00.html`,
        `/media/${videoId}/thumb.webp/../full.mp4`,
        `/media/${videoId}/full.mp4/../thumb.webp`,
        `/media/${videoId}/./thumb.webp`,
        `/media/${videoId}/THUMB.WEBP`,
        `/media/${videoId}/thumb.webp%20`,
        `/media/${videoId}/thumb.webp;.html`,
        `/media/${videoId}/thumb.webp\0`,
        `/media/${videoId}/`,
        `/media//thumb.webp`,
        `/media/${videoId}%2f..%2f..%2fmedia-url-secret/thumb.webp`,
        `/media/../media-url-secret`,
        `/media/${videoId}/../../media-url-secret`,
        `/media/${videoId}/../../uploads`,
        '/media-url-secret',
        '/uploads/../media-url-secret',
        '/%2e%2e/media-url-secret',
        '/pglite/PG_VERSION',
        '/media/',
      ];
      for (const target of targets) {
        for (const method of ['GET', 'HEAD']) {
          const answer = await rawHttp(server.url, { method, target });
          expect([400, 404], `${method} ${JSON.stringify(target)}`).toContain(answer.status);
          expect(answer.body, target).not.toContain(secret);
          expect(answer.headers['content-type'] ?? '', target).not.toMatch(/video|image/);
        }
      }
    });

    it('answers HEAD with exactly the headers GET sends, and no body', async () => {
      const fullUrl = signed(videoId, 'full.mp4');
      const cases: [string, Record<string, string>][] = [
        [`/media/${videoId}/thumb.webp`, {}],
        [`/media/${videoId}/preview.mp4`, { Range: 'bytes=-10' }],
        [fullUrl, {}],
        [fullUrl, { Range: 'bytes=100-199' }],
        [fullUrl, { Range: `bytes=${whole.length}-` }],
        [`/media/${videoId}/full.mp4`, {}],
      ];
      const compared = [
        'content-type',
        'content-length',
        'etag',
        'cache-control',
        'accept-ranges',
        'content-range',
        'x-content-type-options',
      ];
      for (const [target, headers] of cases) {
        const got = await get(target, headers);
        const head = await get(target, headers, 'HEAD');
        const what = `${target} ${JSON.stringify(headers)}`;
        expect(head.status, what).toBe(got.status);
        for (const name of compared)
          expect(head.headers.get(name), `${what} ${name}`).toBe(got.headers.get(name));
        expect((await head.arrayBuffer()).byteLength, what).toBe(0);
        const body = Buffer.from(await got.arrayBuffer());
        if (got.status < 300) expect(body.length, what).toBe(Number(got.headers.get('content-length')));
      }
    });

    it('answers byte ranges at their edges: open, suffix, past the end, several, malformed, and many', async () => {
      const url = signed(videoId, 'full.mp4');
      const n = whole.length;
      const cases: [string, number, [number, number] | null][] = [
        ['bytes=0-', 206, [0, n - 1]],
        ['bytes=-500', 206, [n - 500, n - 1]],
        ['bytes=0-0', 206, [0, 0]],
        [`bytes=${n - 1}-${n + 1000}`, 206, [n - 1, n - 1]],
        ['bytes=0-99999999999999999999', 206, [0, n - 1]],
        ['bytes=5-6,0-1', 206, [5, 6]], // of several, the first asked for
        ['bytes=0-1,1-2', 206, [0, 2]], // overlapping ones as one
        ['bytes= 10-19', 206, [10, 19]],
        ['bytes=999999999-', 416, null],
        [`bytes=${n}-`, 416, null],
        ['bytes=-0', 416, null],
        ['bytes=5-1', 416, null],
      ];
      for (const [range, status, span] of cases) {
        const response = await get(url, { Range: range });
        expect(response.status, range).toBe(status);
        const body = Buffer.from(await response.arrayBuffer());
        expect(response.headers.get('cache-control'), range).toBe('private, no-store');
        if (span) {
          const [start, end] = span;
          expect(response.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${n}`);
          expect(response.headers.get('content-length'), range).toBe(String(end - start + 1));
          expect(body.equals(whole.subarray(start, end + 1)), range).toBe(true);
        } else {
          expect(response.headers.get('content-range'), range).toBe(`bytes */${n}`);
          expect(body.length, range).toBe(0);
        }
      }
      // Not a byte range: the whole file, as HTTP allows.
      for (const range of [
        'bytes=abc',
        'bytes=1-2-3',
        'bytes=',
        'pages=0-1',
        'bytes=0-1,',
        'bytes=--1',
        'bytes=0x10-',
      ]) {
        const response = await get(url, { Range: range });
        expect(response.status, range).toBe(200);
        expect(Buffer.from(await response.arrayBuffer()).equals(whole), range).toBe(true);
      }
      // Thousands of ranges in one header, or a header padded to its limit: answered at once.
      const many = `bytes=${Array.from({ length: 1500 }, (_, i) => `${i * 3}-${i * 3 + 1}`).join(',')}`;
      const padded = `bytes=0-1${' '.repeat(14_000)}x`;
      for (const range of [many, padded]) {
        const started = Date.now();
        const response = await get(url, { Range: range });
        expect([200, 206], range.slice(0, 40)).toContain(response.status);
        await response.arrayBuffer();
        expect(Date.now() - started, range.slice(0, 40)).toBeLessThan(2_000);
      }
    });

    // A suffix range longer than the file (`bytes=-N`, N > size) selects the whole file (RFC 9110 14.1.2: "if
    // the selected representation is shorter than the specified suffix-length, the entire representation is
    // used"); range-parser alone drops it as negative (416).
    it('answers a suffix range longer than the file with the whole file (206), not 416', async () => {
      for (const range of [
        `bytes=-${whole.length + 10}`,
        `bytes=-${whole.length}`,
        'bytes=-99999999999999999999',
        `bytes=0-1, -${whole.length + 10}`, // combined with another: the whole file, one range
      ]) {
        const response = await get(signed(videoId, 'full.mp4'), { Range: range });
        expect(response.status, range).toBe(206);
        expect(response.headers.get('content-range'), range).toBe(
          `bytes 0-${whole.length - 1}/${whole.length}`,
        );
        expect(Buffer.from(await response.arrayBuffer()).equals(whole), range).toBe(true);
      }
    });

    // A ready item whose rendition file is missing from the store (a store that lost it, a bucket emptied by
    // hand): HEAD (which asks the store whether it is there) and GET answer as any refusal, and the server's log
    // says so once, however often it is asked for.
    it('answers HEAD and GET alike (404) for a ready item whose file is missing from the store, logged once', async () => {
      const id = await insertMedia(server.db, { creatorId: creator.account.id, status: 'ready' });
      const url = signed(id, 'full.mp4');
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        await expectRefused(await get(url, {}, 'HEAD'), 'HEAD');
        await expectRefused(await get(url), 'GET');
        await expectRefused(await get(url, { Range: 'bytes=0-9' }), 'GET with a range');
        await expectRefused(await get(url, {}, 'HEAD'), 'HEAD again');
        const lines = logged.mock.calls.map((args) => args.join(' '));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(
          `MediaNotStoredError: Nothing is stored under media/${creator.account.id}/${id}/full.mp4`,
        );
      } finally {
        logged.mockRestore();
      }
    });

    it('shrugs off long and repeated query strings (the signature is what counts)', async () => {
      const url = signed(videoId, 'full.mp4');
      const padded = await get(`${url}&pad=${'a'.repeat(8_000)}`);
      expect(padded.status).toBe(200);
      await padded.arrayBuffer();
      const repeated = await get(`${url}${'&a=1'.repeat(2_000)}`);
      expect(repeated.status).toBe(200);
      await repeated.arrayBuffer();
      const tooLong = await get(`${url}&pad=${'a'.repeat(20_000)}`);
      expect([414, 431]).toContain(tooLong.status);
      await expectRefused(
        await get(`/media/${videoId}/full.mp4?${'&a=1'.repeat(2_000)}`),
        'unsigned, padded',
      );
    });

    it('serves public renditions unsigned only while the item is in a published, unexpired post, cached for an hour', async () => {
      // The photo is in no post at all: its blurred thumb and preview are refused as anything else is, unless
      // signed (they are what a signed URL names them, private and not cached).
      const publicFiles = ['thumb.webp', 'preview.webp'];
      const expectAllRefused = async (when: string) => {
        for (const file of publicFiles) {
          await expectRefused(await get(`/media/${photoId}/${file}`), `${when}: ${file}`);
          await expectRefused(await get(`/media/${photoId}/${file}`, {}, 'HEAD'), `${when}: HEAD ${file}`);
        }
      };
      const expectServed = async (when: string) => {
        for (const file of publicFiles) {
          const response = await get(`/media/${photoId}/${file}`);
          expect(response.status, `${when}: ${file}`).toBe(200);
          expect(response.headers.get('cache-control'), `${when}: ${file}`).toBe('public, max-age=3600');
          await response.arrayBuffer();
        }
        await expectRefused(await get(`/media/${photoId}/full.webp`), `${when}: full, unsigned`);
      };
      await expectAllRefused('in no post');
      const bySignature = await get(signed(photoId, 'thumb.webp'));
      expect([bySignature.status, bySignature.headers.get('cache-control')]).toEqual([
        200,
        'private, no-store',
      ]);

      const post = await creator.client.posts.create.mutate({
        draft: {
          title: 'Holiday',
          body: '',
          accessRule: { kind: 'public' },
          media: [{ mediaId: photoId, caption: '' }],
        },
      });
      await expectAllRefused('in a draft');
      await creator.client.posts.publish.mutate({ id: post.id });
      await expectServed('published');
      await creator.client.posts.unpublish.mutate({ id: post.id });
      await expectAllRefused('unpublished');
      await creator.client.posts.publish.mutate({ id: post.id });
      await expectServed('published again');
      // Past its expiry (before the job that marks it expired has run): refused at once.
      await server.db
        .updateTable('posts')
        .set({ expires_at: new Date(Date.now() - 1_000) })
        .where('id', '=', post.id)
        .execute();
      await expectAllRefused('past its expiry');
      await server.db.updateTable('posts').set({ expires_at: null }).where('id', '=', post.id).execute();
      await expectServed('expiry lifted');
      await creator.client.posts.delete.mutate({ id: post.id });
      await expectAllRefused('deleted');
    });
  });

  describe('an item opened again while its first upload is being finished', () => {
    // MediaUploads.finish reads the row by upload id and hashes the bytes, which takes a while. If the studio
    // opens the item again meanwhile (open() -> reopen: same row, new upload_id and sha256, still `uploading`),
    // the first upload's finish must neither mark the item `processing` (the job would process the new upload's
    // bytes, unchecked and possibly still arriving) nor fail it (for the old bytes' mismatch).
    it.each([
      ['matching its SHA-256', false],
      ['not matching its SHA-256', true],
    ])(
      "leaves the new upload alone: the first upload's finish (its bytes %s) does not mark the item processing or failed",
      async (_what, corrupt) => {
        const actor = (await server.services.accounts.authenticate(creator.token))!.account;
        let entered!: () => void;
        let release!: () => void;
        const hashing = new Promise<void>((resolve) => (entered = resolve));
        const gate = new Promise<void>((resolve) => (release = resolve));
        /** Real files; the hash of an upload opens the file, then waits for the test before reading it. */
        class SlowHashFiles extends UploadFiles {
          override async sha256(uploadId: string): Promise<string> {
            const handle = await openFile(this.pathOf(uploadId), 'r');
            entered();
            await gate;
            const hash = createHash('sha256');
            await pipeline(handle.createReadStream(), hash);
            return hash.digest('hex');
          }
        }
        const uploads = new MediaUploads({
          db: server.db,
          media: server.services.media.repository,
          files: new SlowHashFiles(uploadsDir()),
          jobs: new ScheduledJobRepository(server.db),
          outbox: server.services.outbox,
          actingFor: server.services.actingFor,
          clock: systemClock,
          limits: { maxUploadBytes: MAX_UPLOAD, quotaBytes: QUOTA },
        });
        const mediaId = newId();
        const [first, second] = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
        const bytes = Buffer.from(readFileSync(video));
        if (corrupt) bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
        await uploads.open(actor, first, bytes.length, {
          mediaId,
          kind: 'video',
          filename: 'clip.mp4',
          sha256: sha256Of(video),
        });
        writeFileSync(path.join(uploadsDir(), first), bytes);
        const finishing = uploads.finish(first);
        await hashing;
        // The studio opens the item again (it lost the first upload's URL): another file, nothing sent yet.
        await uploads.open(actor, second, 5_000, {
          mediaId,
          kind: 'video',
          filename: 'again.mp4',
          sha256: 'c'.repeat(64),
        });
        release();
        await finishing.catch(() => undefined);
        const row = await server.services.media.repository.find(server.db, mediaId);
        expect(row).toMatchObject({ status: 'uploading', upload_id: second, sha256: 'c'.repeat(64) });
      },
    );
  });
});

/** The server's configuration for a server started here rather than by `startTestServer`. */
const configFor = (dataDir: string) => ({
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
});

/** A creator signed up on `server` directly; its token. */
async function creatorOn(server: RunningServer, name: string): Promise<string> {
  const { token } = await server.services.accounts.signUp({
    ip: '127.0.0.1',
    email: `${name}@example.test`,
    password: 'correct horse battery staple',
    role: 'creator',
    handle: name,
    displayName: name,
  });
  return token;
}

describe('media when the database fails', () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let token: string;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mesi-media-db-fault-'));
  const photo = path.join(dataDir, 'photo.jpg');
  /** While set, every query it matches fails as a dropped connection does (SQLSTATE 57P01). */
  let failing: ((node: RootOperationNode) => boolean) | null = null;
  const touches = (node: RootOperationNode, kind: RootOperationNode['kind'], table: string) =>
    node.kind === kind && JSON.stringify(node).includes(`"name":"${table}"`);
  const uploadsDir = path.join(dataDir, 'uploads');
  const leftInUploads = () => (existsSync(uploadsDir) ? readdirSync(uploadsDir).sort() : []);
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const rowOf = (mediaId: string) =>
    handle.db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst();

  /** Opens an upload of the photo and sends all but its last 1000 bytes, the database answering. */
  const almostUploaded = async () => {
    const bytes = readFileSync(photo);
    const metadata = metadataFor(photo, 'photo', 'photo.jpg');
    const created = await tusRequest(`${server.url}/uploads`, 'POST', {
      ...auth(),
      'Upload-Length': String(bytes.length),
      'Upload-Metadata': encodeMetadata(metadata),
    });
    expect(created.status).toBe(201);
    const url = `${server.url}${created.headers.get('location')!}`;
    const sendFrom = async (offset: number, end: number) =>
      tusRequest(
        url,
        'PATCH',
        { ...auth(), 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        bytes.subarray(offset, end),
      );
    const split = bytes.length - 1000;
    expect((await sendFrom(0, split)).status).toBe(204);
    return { url, metadata, last: () => sendFrom(split, bytes.length) };
  };
  /** Runs `work` with the database failing every query `when` matches. */
  const whileFailing = async <T>(when: (node: RootOperationNode) => boolean, work: () => Promise<T>) => {
    failing = when;
    try {
      return await work();
    } finally {
      failing = null;
    }
  };
  const finishingFails = (node: RootOperationNode) => touches(node, 'InsertQueryNode', 'scheduled_jobs');
  /** Every query, prepared statements included (they are compiled once, so only their result can fail). */
  const everyQuery = () => true;
  const dropped = () => Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });

  beforeAll(async () => {
    handle = await openTestDatabase();
    const db = handle.db.withPlugin({
      transformQuery({ node }) {
        if (failing?.(node)) throw dropped();
        return node;
      },
      transformResult: async ({ result }) => {
        if (failing === everyQuery) throw dropped();
        return result;
      },
    });
    server = await startServer(configFor(dataDir), { database: { ...handle, db } });
    token = await creatorOn(server, 'db_fault_creator');
    await makeJpegWithGps(photo, 800, 600);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an upload whose finish met a database fault whole and unpublished; the next HEAD finishes it', async () => {
    const { url, metadata, last } = await almostUploaded();
    const answer = await whileFailing(finishingFails, last);
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expect(answer.text).not.toMatch(/57P01|Connection terminated|scheduled_jobs/);
    expect(await rowOf(metadata.mediaId)).toMatchObject({ status: 'uploading' });
    const id = new URL(url).pathname.split('/').pop()!;
    expect(sha256Of(path.join(uploadsDir, id))).toBe(metadata.sha256);
    expect((await fetch(`${server.url}/media/${metadata.mediaId}/thumb.webp`)).status).toBe(404);
    // The client asks where the upload stands (as tus-js-client does before going on): it is whole, so it is
    // finished now, checked and processed.
    const head = await tusRequest(url, 'HEAD', auth());
    expect([head.status, head.headers.get('upload-offset')]).toEqual([200, String(statSync(photo).size)]);
    await expect
      .poll(async () => (await rowOf(metadata.mediaId))?.status, { timeout: 60_000, interval: 250 })
      .toBe('ready');
    await expect.poll(leftInUploads).toEqual([]);
  });

  // A busy or unreachable database (isDatabaseUnavailable) is 503 "try again" in the tus hooks, as tRPC
  // answers it, not 500 "something went wrong".
  it('answers 503 when the database fails as an upload is opened or as its last PATCH finishes it', async () => {
    const opening = await whileFailing(
      (node) => touches(node, 'InsertQueryNode', 'media'),
      () =>
        tusRequest(`${server.url}/uploads`, 'POST', {
          ...auth(),
          'Upload-Length': '1000',
          'Upload-Metadata': encodeMetadata(metadataFor(photo, 'photo')),
        }),
    );
    const { last } = await almostUploaded();
    const finishing = await whileFailing(finishingFails, last);
    expect([opening.status, finishing.status]).toEqual([503, 503]);
    expect(opening.text).toBe(
      'The server cannot reach its database right now; please try again in a moment\n',
    );
  });

  // Outside tRPC, a database fault reaches Fastify's root error handler (http/http-server.ts): /media delivery
  // and the sign-in check of /uploads (AccountService.authenticate in upload-routes.ts's handler) answer 503.
  it('answers 503 on /media and on the sign-in check of /uploads when the database cannot be reached', async () => {
    const mediaRead = await whileFailing(
      (node) => touches(node, 'SelectQueryNode', 'media'),
      () => fetch(`${server.url}/media/${newId()}/thumb.webp`),
    );
    const signIn = await whileFailing(everyQuery, () =>
      tusRequest(`${server.url}/uploads`, 'POST', {
        ...auth(),
        'Upload-Length': '1000',
        'Upload-Metadata': encodeMetadata(metadataFor(photo, 'photo')),
      }),
    );
    expect([mediaRead.status, await mediaRead.text()]).toEqual([
      503,
      'The server cannot reach its database right now; please try again in a moment\n',
    ]);
    expect(signIn.status).toBe(503);
  });

  it("logs a failed /media request by its path: never a signed URL's expiry or signature", async () => {
    const secret = 'SECRETsig_' + randomBytes(16).toString('hex');
    const mediaId = newId();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const answer = await whileFailing(
        (node) => touches(node, 'SelectQueryNode', 'media'),
        () => fetch(`${server.url}/media/${mediaId}/full.mp4?exp=1999999999&sig=${secret}`),
      );
      expect(answer.status).toBe(503);
      const lines = logged.mock.calls.map((args) => args.join(' ')).join('\n');
      expect(lines).toContain(`GET /media/${mediaId}/full.mp4 failed`);
      expect(lines).not.toContain(secret);
      expect(lines).not.toContain('1999999999');
    } finally {
      logged.mockRestore();
    }
  });

  // Ending an upload whose bytes are all there but which was never finished (its finish met a fault, or the
  // server stopped right after the last byte) ends it entirely: its row and its bytes, nothing left for ever.
  // An upload that is finished (processing) is refused, its bytes left to the job.
  it('ends a whole but unfinished upload entirely: no row without its bytes, no bytes without a row', async () => {
    const { url, metadata, last } = await almostUploaded();
    await whileFailing(finishingFails, last);
    const id = new URL(url).pathname.split('/').pop()!;
    const ended = await tusRequest(url, 'DELETE', auth());
    const row = await rowOf(metadata.mediaId);
    const files = leftInUploads().filter((name) => name.startsWith(id));
    expect([ended.status, row, files]).toEqual([204, undefined, []]);
  });

  it("refuses to end an upload once its item is processing, leaving the job's bytes and row alone", async () => {
    const { url, metadata } = await almostUploaded();
    const id = new URL(url).pathname.split('/').pop()!;
    const setStatus = (status: 'uploading' | 'processing') =>
      handle.db.updateTable('media').set({ status }).where('id', '=', metadata.mediaId).execute();
    // As if its finish had just marked it processing: the job is about to read these bytes.
    await setStatus('processing');
    const refused = await tusRequest(url, 'DELETE', auth());
    expect([refused.status, refused.text]).toEqual([
      400,
      'This upload is complete and being processed; it cannot be ended\n',
    ]);
    expect((await rowOf(metadata.mediaId))?.status).toBe('processing');
    expect(leftInUploads().filter((name) => name.startsWith(id))).toHaveLength(2);
    await setStatus('uploading');
    expect((await tusRequest(url, 'DELETE', auth())).status).toBe(204);
    expect(leftInUploads().filter((name) => name.startsWith(id))).toEqual([]);
  });
});

describe('media processing that crashes mid-way', () => {
  const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const storeDir = mkdtempSync(path.join(tmpdir(), 'mesi-media-flaky-store-'));
  const photo = path.join(storeDir, 'photo.jpg');
  let server: TestServer;
  let creator: Account;
  /** The next put that fails (1-based count of puts), once. */
  let failPut: number | null = null;
  let puts = 0;
  /** The local disk store, but one put fails once when told to (a disk full, a bucket unreachable). */
  class FlakyStore extends LocalDiskStore {
    override async put(key: string, file: string, contentType?: string) {
      puts += 1;
      if (puts === failPut) {
        failPut = null;
        throw new Error('the store went away');
      }
      return super.put(key, file, contentType);
    }
  }
  const stored = () =>
    readdirSync(path.join(storeDir, 'media'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();

  beforeAll(async () => {
    server = await startTestServer({ clock, mediaStore: new FlakyStore(path.join(storeDir, 'media')) });
    creator = await signUp(server, 'creator');
    await makeJpegWithGps(photo, 800, 600);
  });
  afterAll(async () => {
    await server.close();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('reruns the job, never serving the renditions stored before the crash, and ends with one clean set', async () => {
    failPut = puts + 3; // full.webp and full.jpg are stored, then the third put fails
    const metadata = metadataFor(photo, 'photo', 'photo.jpg');
    expect((await tusUpload(server.url, photo, { token: creator.token, metadata })).error).toBeNull();
    const job = () =>
      server.db
        .selectFrom('scheduled_jobs')
        .selectAll()
        .where('kind', '=', 'media.process')
        .where('key', 'like', `%${metadata.mediaId}%`)
        .executeTakeFirst();
    await expect.poll(async () => (await job())?.attempts, { timeout: 60_000, interval: 250 }).toBe(1);
    await expect.poll(async () => (await job())?.status).not.toBe('running');
    expect(failPut).toBeNull();
    // Half stored, not served: the item is still processing.
    expect(stored()).toEqual(['full.jpg', 'full.webp']);
    const [item] = await creator.client.media.list.query();
    expect(item).toMatchObject({ id: metadata.mediaId, status: 'processing' });
    const urls = server.services.media.urls;
    for (const file of ['full.webp', 'full.jpg']) {
      const response = await fetch(
        `${server.url}${urls.signed(metadata.mediaId, file, new Date(clock.now().getTime() + 60_000))}`,
      );
      expect(response.status, file).toBe(404);
    }
    expect((await fetch(`${server.url}/media/${metadata.mediaId}/thumb.webp`)).status).toBe(404);

    // The retry's time comes: processed whole, once; one file per rendition, nothing half-written left.
    clock.advance(61_000);
    await server.services.scheduler.runDue();
    await expect
      .poll(async () => (await creator.client.media.list.query())[0]?.status, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe('ready');
    expect(stored()).toEqual(['full.jpg', 'full.webp', 'preview.webp', 'thumb.webp']);
    expect(await job()).toMatchObject({ status: 'done', attempts: 2 });
    for (const [file, format] of [
      ['full.webp', 'webp'],
      ['full.jpg', 'jpeg'],
      ['thumb.webp', 'webp'],
    ] as const) {
      const response = await fetch(
        `${server.url}${urls.signed(metadata.mediaId, file, new Date(clock.now().getTime() + 60_000))}`,
      );
      expect(response.status, file).toBe(200);
      expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format, file).toBe(format);
    }
    const dataDir = path.dirname(server.mailOutbox);
    expect(readdirSync(path.join(dataDir, 'media-work'))).toEqual([]);
    expect(readdirSync(path.join(dataDir, 'uploads'))).toEqual([]);
  });
});

describe('media uploads when the server is killed mid-PATCH', () => {
  it(
    'resumes on the same data folder: the half received is kept, never processed or published, then the rest completes it',
    { timeout: 300_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'mesi-media-kill-'));
      const file = path.join(dataDir, 'clip.mp4');
      await makeVideo(file, { seconds: 2, size: '640x360' });
      const bytes = readFileSync(file);
      const server = new ServerProcess({ dataDir, startTimeoutMs: 240_000 });
      try {
        const url = await server.start();
        const { token } = await clientOf(url).accounts.signUp.mutate({
          email: 'killed@example.test',
          password: 'correct horse battery staple',
          role: 'creator',
          handle: 'killed_creator',
          displayName: 'Killed',
        });
        const metadata = metadataFor(file, 'video');
        const created = await tusRequest(`${url}/uploads`, 'POST', {
          Authorization: `Bearer ${token}`,
          'Upload-Length': String(bytes.length),
          'Upload-Metadata': encodeMetadata(metadata),
        });
        expect(created.status).toBe(201);
        const path_ = created.headers.get('location')!;
        const id = path_.split('/').pop()!;
        const onDisk = path.join(dataDir, 'uploads', id);

        // A PATCH that sends 40% of the file, then hangs: the server is killed while it is being received.
        const sent = Math.floor(bytes.length * 0.4);
        const hanging = fetch(`${url}${path_}`, {
          method: 'PATCH',
          headers: {
            Authorization: `Bearer ${token}`,
            'Tus-Resumable': '1.0.0',
            'Upload-Offset': '0',
            'Content-Type': 'application/offset+octet-stream',
          },
          body: new ReadableStream({
            start(controller) {
              controller.enqueue(bytes.subarray(0, sent));
            },
          }),
          duplex: 'half',
        } as RequestInit).catch((error: unknown) => error);
        await expect
          .poll(() => (existsSync(onDisk) ? statSync(onDisk).size : 0), { timeout: 30_000 })
          .toBeGreaterThan(0);
        await server.kill();
        expect(await hanging).toBeInstanceOf(Error);

        const again = await server.start();
        const client = clientOf(again, token);
        const head = await tusRequest(`${again}${path_}`, 'HEAD', { Authorization: `Bearer ${token}` });
        expect(head.status).toBe(200);
        const offset = Number(head.headers.get('upload-offset'));
        expect(offset).toBeGreaterThan(0);
        expect(offset).toBeLessThanOrEqual(sent);
        expect(readFileSync(onDisk).equals(bytes.subarray(0, offset))).toBe(true);
        // Half an upload is never processed, served or published.
        expect((await client.media.list.query()).map((m) => [m.id, m.status])).toEqual([
          [metadata.mediaId, 'uploading'],
        ]);
        expect((await fetch(`${again}/media/${metadata.mediaId}/thumb.webp`)).status).toBe(404);
        const post = await client.posts.create.mutate({
          draft: {
            title: 'Half',
            body: '',
            accessRule: { kind: 'public' },
            media: [{ mediaId: metadata.mediaId, caption: '' }],
          },
        });
        await expect(client.posts.publish.mutate({ id: post.id })).rejects.toThrow(
          /still uploading or processing/,
        );

        // The studio resumes from the server's offset: whole, checked, processed once.
        const resumed = await tusUpload(again, file, { token, uploadUrl: `${again}${path_}` });
        expect(resumed.error).toBeNull();
        expect(await settledMedia(client, metadata.mediaId, 120_000)).toMatchObject({
          status: 'ready',
          width: 640,
        });
        const urls = new MediaUrls(await mediaUrlSecret(null, dataDir), systemClock);
        const full = path.join(dataDir, 'served.mp4');
        const response = await fetch(
          `${again}${urls.signed(metadata.mediaId, 'full.mp4', new Date(Date.now() + 60_000))}`,
        );
        expect(response.status).toBe(200);
        writeFileSync(full, Buffer.from(await response.arrayBuffer()));
        const probe = await ffprobe(full);
        expect(Number(probe.format.duration)).toBeCloseTo(2, 0);
        expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
        await client.posts.publish.mutate({ id: post.id });
      } finally {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
