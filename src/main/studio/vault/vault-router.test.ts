import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountRegistry } from '../accounts/account-registry';
import { accountFolder } from '../accounts/account-session';
import { startBrowserMode, type BrowserMode } from '../browser-mode/server';
import { openDatabase } from '../db/connection';
import { studioMigrations } from '../db/migrations/studio';
import { TestOnlyMemorySecretStore } from '../secrets/test-only-memory-secret-store';
import { createStudio, type Studio } from '../services';
import { waitFor } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';
import { makeClip, makePhoto } from './test-media';

// The server is unreachable: the vault works offline, from the account's own database and folder.
const account = (id: string, handle: string) => ({
  id,
  serverUrl: 'http://127.0.0.1:9',
  email: `${handle}@example.test`,
  handle,
  displayName: handle,
  role: 'creator' as const,
});
const ANA = account('018f0000-0000-7000-8000-0000000000a1', 'ana');
const BEN = account('018f0000-0000-7000-8000-0000000000b2', 'ben');

const media = tempDir('mesi-vault-media-');
const clip = join(media.path, 'Studio tour.mp4');
const photo = join(media.path, 'Pier.jpg');
beforeAll(async () => {
  await Promise.all([makeClip(clip), makePhoto(photo)]);
});
afterAll(() => media.remove());

const refusal = (error: unknown) =>
  error instanceof TRPCError ? `${error.code}: ${error.message}` : `not refused: ${String(error)}`;

let dir: ReturnType<typeof tempDir>;
let studio: Studio;
let api: ReturnType<Studio['router']['createCaller']>;
let changes: [string, string, readonly string[]][];
beforeEach(async () => {
  dir = tempDir();
  const studioDb = openDatabase(join(dir.path, 'studio.sqlite'), studioMigrations);
  const registry = new AccountRegistry(studioDb);
  registry.saveAndActivate(BEN);
  registry.saveAndActivate(ANA);
  studioDb.close();
  studio = await createStudio({ dataDir: dir.path, secretStore: new TestOnlyMemorySecretStore() });
  api = studio.router.createCaller(studio.createContext());
  changes = [];
  studio.createContext().accounts.on('changed', (...change) => changes.push(change));
});
afterEach(async () => {
  await studio.close();
  dir.remove();
});

describe('vault.* for one account', () => {
  it('imports by path, lists, edits, and says what changed', async () => {
    const bad = join(dir.path, 'virus.mp4');
    writeFileSync(bad, Buffer.from('MZ this is a program'));
    const outcomes = await api.vault.importPaths({ accountId: ANA.id, paths: [clip, photo, bad, clip] });

    expect(outcomes.map((o) => ('item' in o ? [o.item.title, o.duplicate] : o.error))).toEqual([
      ['Studio tour', false],
      ['Pier', false],
      expect.stringMatching(/“virus\.mp4” is not a photo, video or audio file/),
      ['Studio tour', true],
    ]);
    const [video, picture] = outcomes.flatMap((o) => ('item' in o ? [o.item] : []));
    expect(changes).toContainEqual([ANA.id, 'vault', [video!.id, picture!.id, video!.id]]);
    // The files live in the account's own folder, beside its database.
    expect(readdirSync(join(accountFolder(dir.path, ANA.id), 'media', 'originals')).sort()).toHaveLength(2);

    const updated = await api.vault.update({
      accountId: ANA.id,
      id: picture!.id,
      change: { title: 'Pier at dusk', tags: ['Sea'] },
    });
    expect(updated).toMatchObject({ title: 'Pier at dusk', tags: ['sea'] });
    expect(changes.at(-1)).toEqual([ANA.id, 'vault', [picture!.id]]);

    const page = await api.vault.list({ accountId: ANA.id, query: 'dusk' });
    expect(page.items.map((i) => i.id)).toEqual([picture!.id]);
    expect(await api.vault.tags({ accountId: ANA.id })).toEqual([{ tag: 'sea', count: 1 }]);
    expect((await api.vault.get({ accountId: ANA.id, id: video!.id })).kind).toBe('video');

    // Another account's vault is its own.
    expect((await api.vault.list({ accountId: BEN.id })).items).toEqual([]);
    expect(
      refusal(await api.vault.get({ accountId: BEN.id, id: video!.id }).catch((e: unknown) => e)),
    ).toMatch(/^NOT_FOUND/);
  });

  it('shows the thumbnail processing made, inline, and the upload job that follows', async () => {
    const [outcome] = await api.vault.importPaths({ accountId: ANA.id, paths: [photo] });
    const id = 'item' in outcome! ? outcome.item.id : '';
    const item = await waitFor(
      'the photo processed',
      async () => {
        const view = await api.vault.get({ accountId: ANA.id, id });
        return view.thumbUrl ? view : null;
      },
      60_000,
    );
    // Processed, its latest job is now the upload, waiting: this studio has no server to reach.
    expect(item!.job).toMatchObject({ kind: 'upload', state: 'queued' });
    expect(item!.thumbUrl).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
    const webp = Buffer.from(item!.thumbUrl!.split(',')[1]!, 'base64');
    expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
  });

  it('refuses to delete an item a post uses, and deletes it once unused', async () => {
    const [outcome] = await api.vault.importPaths({ accountId: ANA.id, paths: [photo] });
    const id = 'item' in outcome! ? outcome.item.id : '';
    const post = await api.posts.create({
      accountId: ANA.id,
      draft: {
        title: 'Sea week',
        body: 'Photos',
        accessRule: { kind: 'public' },
        media: [{ mediaId: id, caption: '' }],
      },
    });
    expect(await api.vault.usedIn({ accountId: ANA.id, id })).toEqual({
      posts: [{ id: post.id, title: 'Sea week' }],
    });
    expect(refusal(await api.vault.delete({ accountId: ANA.id, id }).catch((e: unknown) => e))).toMatch(
      /^PRECONDITION_FAILED: This item is used in a post \(“Sea week”\)/,
    );
    expect((await api.vault.list({ accountId: ANA.id, usedIn: 'any' })).items.map((i) => i.id)).toEqual([id]);

    await api.posts.delete({ accountId: ANA.id, id: post.id });
    expect(await api.vault.delete({ accountId: ANA.id, id })).toEqual({ ok: true });
    expect((await api.vault.list({ accountId: ANA.id })).items).toEqual([]);
  });

  it('validates every input, naming the account', async () => {
    expect(
      refusal(
        await api.vault.importPaths({ accountId: ANA.id, paths: ['relative.jpg'] }).catch((e: unknown) => e),
      ),
    ).toMatch(/^BAD_REQUEST: .*full path/);
    expect(refusal(await api.vault.list({ accountId: ANA.id, limit: 500 }).catch((e: unknown) => e))).toMatch(
      /^BAD_REQUEST/,
    );
    expect(
      refusal(
        await api.vault.update({ accountId: ANA.id, id: 'not-a-uuid', change: {} }).catch((e: unknown) => e),
      ),
    ).toMatch(/^BAD_REQUEST/);
    expect(refusal(await api.vault.list({ accountId: 'nobody' }).catch((e: unknown) => e))).toMatch(
      /^NOT_FOUND/,
    );
    expect(
      refusal(await api.vault.cancelJob({ accountId: ANA.id, id: ANA.id }).catch((e: unknown) => e)),
    ).toMatch(/^PRECONDITION_FAILED: Nothing is being processed or uploaded/);
  });

  it('sets the watched folder', async () => {
    const folder = join(dir.path, 'drop');
    mkdirSync(folder);
    expect(await api.vault.watchFolder.get({ accountId: ANA.id })).toMatchObject({
      enabled: false,
      path: null,
    });
    expect(await api.vault.watchFolder.set({ accountId: ANA.id, path: folder, enabled: true })).toMatchObject(
      {
        enabled: true,
        path: folder,
        watching: true,
      },
    );
    expect(await api.vault.watchFolder.get({ accountId: BEN.id })).toMatchObject({ enabled: false });
    await api.vault.watchFolder.set({ accountId: ANA.id, path: folder, enabled: false });
  });
});

describe('PUT /vault/import in browser mode', () => {
  let mode: BrowserMode;
  let origin: string;
  beforeEach(async () => {
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Mesi Studio</title>');
    mode = await startBrowserMode({ studio, rendererDir, allow: true });
    origin = new URL(mode.url).origin;
  });
  afterEach(async () => {
    await mode.close();
  });

  const put = (query: Record<string, string>, body: Buffer | string, headers: Record<string, string> = {}) =>
    fetch(`${origin}/vault/import?${new URLSearchParams(query)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${mode.token}`, ...headers },
      body,
    });
  const incoming = () => {
    try {
      return readdirSync(join(accountFolder(dir.path, ANA.id), 'media', 'incoming'));
    } catch {
      return [];
    }
  };

  it('streams the file into the account’s vault and answers the item; the same bytes again are a duplicate', async () => {
    const bytes = readFileSync(clip);
    const first = await put({ accountId: ANA.id, name: 'My clip.mp4' }, bytes);
    expect(first.status).toBe(201);
    const answer = (await first.json()) as {
      item: { id: string; title: string; kind: string };
      duplicate: boolean;
    };
    expect(answer).toMatchObject({
      duplicate: false,
      item: { title: 'My clip', kind: 'video', originalName: 'My clip.mp4' },
    });
    expect(changes).toContainEqual([ANA.id, 'vault', [answer.item.id]]);

    const again = await put({ accountId: ANA.id, name: 'again.mp4' }, bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, item: { id: answer.item.id } });
    expect(incoming()).toEqual([]);
    expect((await api.vault.list({ accountId: ANA.id })).items).toHaveLength(1);
  });

  it('refuses without the token, other methods, bad names, unknown accounts and non-media, keeping nothing', async () => {
    const bytes = readFileSync(photo);
    const url = `${origin}/vault/import?${new URLSearchParams({ accountId: ANA.id, name: 'p.jpg' })}`;
    expect((await fetch(url, { method: 'PUT', body: bytes })).status).toBe(401);
    expect(
      (await fetch(url, { method: 'PUT', body: bytes, headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    const get = await fetch(url, { headers: { authorization: `Bearer ${mode.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('PUT');

    const traversal = await put({ accountId: ANA.id, name: '../../etc/passwd' }, bytes);
    expect(traversal.status).toBe(400);
    expect(await traversal.json()).toEqual({ error: expect.stringMatching(/filename must not be a path/) });

    const unknown = await put({ accountId: 'nobody', name: 'p.jpg' }, bytes);
    expect(unknown.status).toBe(404);

    const text = await put({ accountId: ANA.id, name: 'fake.jpg' }, 'not a photo at all');
    expect(text.status).toBe(400);
    expect(await text.json()).toEqual({
      error: expect.stringMatching(/“fake\.jpg” is not a photo, video or audio file/),
    });

    // A declared size over the limit is refused before any byte is read.
    const tooBig = await new Promise<number>((resolve, reject) => {
      const req = request(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${mode.token}`, 'content-length': String(9 * 1024 ** 3) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(bytes.subarray(0, 1024));
    });
    expect(tooBig).toBe(413);

    expect(incoming()).toEqual([]);
    expect((await api.vault.list({ accountId: ANA.id })).items).toEqual([]);
  });
});
