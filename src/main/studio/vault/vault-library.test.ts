import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEncoder } from '../../../encoder';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { tempDir } from '../test/temp-dir';
import { ImportRefusedError } from './media-intake';
import { makeClip, makePhoto } from './test-media';
import { openVault, type VaultFeature } from './vault-feature';
import { noVaultJobs } from './vault-jobs-seam';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000cc',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'Mara',
  role: 'creator' as const,
};

// Media made once for the file (ffmpeg takes a moment); each test copies what it imports.
const media = tempDir('mesi-vault-media-');
const clip = join(media.path, 'Beach day.mp4');
const photo = join(media.path, 'sunset.jpg');
beforeAll(async () => {
  await Promise.all([makeClip(clip), makePhoto(photo)]);
});
afterAll(() => media.remove());

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let vault: VaultFeature;
let enqueued: string[];
let deleted: string[];
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'accounts', `${ACCOUNT.id}.sqlite`));
  enqueued = [];
  deleted = [];
  vault = openVault({
    db,
    account: ACCOUNT,
    folder: join(dir.path, 'accounts', ACCOUNT.id),
    changed: () => {},
    encoder: createEncoder(),
    jobs: (context) => ({
      ...noVaultJobs(context),
      enqueue: (id) => void enqueued.push(id),
      itemDeleted: (id) => void deleted.push(id),
    }),
  });
});
afterEach(async () => {
  await vault.close();
  db.close();
  dir.remove();
});

/** Every file under the media folder, hidden ones (a copy in progress) included. */
function mediaFiles(): string[] {
  const root = vault.folders.root;
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const rowCount = () => db.prepare('SELECT count(*) FROM vault_items').pluck().get();
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A copy of `source` under another name, in the test's own folder. */
function copyAs(source: string, name: string): string {
  const path = join(dir.path, name);
  copyFileSync(source, path);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<ImportRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  return error as ImportRefusedError;
}

describe('importing into the vault', () => {
  it('keeps a video: probed, copied under its content hash, titled by its name, queued for processing', async () => {
    const { item, duplicate } = await vault.library.importFile(copyAs(clip, 'Beach day.mp4'));

    expect(duplicate).toBe(false);
    expect(item).toMatchObject({
      kind: 'video',
      title: 'Beach day',
      originalName: 'Beach day.mp4',
      mime: 'video/mp4',
      width: 320,
      height: 240,
      videoCodec: 'h264',
      audioCodec: 'aac',
      bytes: statSync(clip).size,
      sha256: sha256(clip),
      tags: [],
      thumbUrl: null,
      job: null,
      serverStatus: null,
    });
    expect(item.durationMs).toBeGreaterThan(1900);
    expect(item.durationMs).toBeLessThan(2200);
    const original = vault.folders.resolve(vault.table.get(item.id)!.original_path);
    expect(original).toBe(join(vault.folders.originals, `${sha256(clip)}.mp4`));
    expect(sha256(original)).toBe(sha256(clip));
    expect(enqueued).toEqual([item.id]);
    // The source is copied, never moved or linked.
    expect(existsSync(join(dir.path, 'Beach day.mp4'))).toBe(true);
    expect(statSync(original).ino).not.toBe(statSync(join(dir.path, 'Beach day.mp4')).ino);
  });

  it('gives a video’s original for a live stream, and refuses a photo, an unknown and a deleted item', async () => {
    const { item: video } = await vault.library.importFile(copyAs(clip, 'Loop me.mp4'));
    const { item: still } = await vault.library.importFile(copyAs(photo, 'still.jpg'));

    const streamed = vault.library.videoForStreaming(video.id);
    expect(streamed).toEqual({ path: join(vault.folders.originals, `${sha256(clip)}.mp4`), hasAudio: true });
    expect(sha256(streamed.path)).toBe(sha256(clip));
    expect(() => vault.library.videoForStreaming(still.id)).toThrow(/Only a video can be streamed/);
    expect(() => vault.library.videoForStreaming('018f0000-0000-7000-8000-00000000ffff')).toThrow(
      /not found/,
    );
    vault.library.delete(video.id);
    expect(() => vault.library.videoForStreaming(video.id)).toThrow(/not found/);
  });

  it('keeps a photo with the title and tags given', async () => {
    const { item } = await vault.library.importFile(copyAs(photo, 'IMG_0001.JPG'), {
      title: '  Sunset at the pier ',
      tags: ['#Beach', 'golden hour', 'beach'],
    });
    expect(item).toMatchObject({
      kind: 'photo',
      mime: 'image/jpeg',
      title: 'Sunset at the pier',
      tags: ['beach', 'golden hour'],
      width: 640,
      height: 480,
      durationMs: null,
    });
    expect(mediaFiles()).toEqual([join(vault.folders.originals, `${sha256(photo)}.jpg`)]);
  });

  it('finds the same bytes under another name: one item, one file, the second answer says duplicate', async () => {
    const first = await vault.library.importFile(copyAs(clip, 'a.mp4'));
    const second = await vault.library.importFile(copyAs(clip, 'holiday-copy.mov'), { title: 'Other title' });

    expect(second.duplicate).toBe(true);
    expect(second.item.id).toBe(first.item.id);
    expect(second.item.title).toBe('a');
    expect(rowCount()).toBe(1);
    expect(mediaFiles()).toHaveLength(1);
    expect(enqueued).toEqual([first.item.id]);
  });

  it('two imports of the same bytes at once make one item', async () => {
    const [a, b] = await Promise.all([
      vault.library.importFile(copyAs(photo, 'one.jpg')),
      vault.library.importFile(copyAs(photo, 'two.jpg')),
    ]);
    expect(a.item.id).toBe(b.item.id);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(rowCount()).toBe(1);
    expect(mediaFiles()).toHaveLength(1);
  });

  it('refuses a program renamed .mp4, an empty file and a truncated video, keeping nothing', async () => {
    const exe = join(dir.path, 'movie.mp4');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(4096, 7)]));
    const empty = join(dir.path, 'empty.mp4');
    writeFileSync(empty, '');
    const truncated = join(dir.path, 'cut.mp4');
    const whole = readFileSync(clip);
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));

    expect((await refusal(vault.library.importFile(exe))).message).toMatch(
      /“movie\.mp4” is not a photo, video or audio file/,
    );
    expect((await refusal(vault.library.importFile(empty))).message).toMatch(/“empty\.mp4” is empty/);
    expect((await refusal(vault.library.importFile(truncated))).message).toMatch(
      /“cut\.mp4” looks like a MP4 video but cannot be read/,
    );
    expect(rowCount()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM vault_search').pluck().get()).toBe(0);
    expect(mediaFiles()).toEqual([]);
    expect(enqueued).toEqual([]);
  });

  it('imports many files, each with its own outcome: a bad one does not stop the others', async () => {
    const bad = join(dir.path, 'notes.mp4');
    writeFileSync(bad, 'just some text, not a video');
    const outcomes = await vault.library.importFiles([
      copyAs(clip, 'clip.mp4'),
      bad,
      join(dir.path, 'missing.jpg'),
      copyAs(photo, 'photo.jpg'),
    ]);
    expect(outcomes.map((o) => ('item' in o ? o.item.kind : o.error))).toEqual([
      'video',
      expect.stringMatching(/“notes\.mp4” is not a photo, video or audio file/),
      '“missing.jpg” was not found',
      'photo',
    ]);
    expect(rowCount()).toBe(2);
  });

  it('removes the handed-over file of a refused browser-mode upload', async () => {
    vault.folders.ensure();
    const upload = join(vault.folders.incoming, 'x.upload');
    writeFileSync(upload, 'not media');
    await refusal(vault.library.importFile(upload, {}, { name: 'x.jpg', move: true }));
    expect(mediaFiles()).toEqual([]);

    const good = join(vault.folders.incoming, 'y.upload');
    copyFileSync(photo, good);
    const { item } = await vault.library.importFile(good, {}, { name: 'y.jpg', move: true });
    expect(item.originalName).toBe('y.jpg');
    expect(mediaFiles()).toEqual([join(vault.folders.originals, `${sha256(photo)}.jpg`)]);
  });
});

describe('editing, deleting and what uses an item', () => {
  it('changes title, notes and tags within their limits', async () => {
    const { item } = await vault.library.importFile(copyAs(photo, 'p.jpg'));
    const updated = await vault.library.update(item.id, {
      notes: 'Shot on film',
      tags: ['Summer', ' summer '],
    });
    expect(updated).toMatchObject({ title: 'p', notes: 'Shot on film', tags: ['summer'] });

    await expect(vault.library.update(item.id, { title: 'x'.repeat(201) })).rejects.toThrow(/at most 200/);
    await expect(vault.library.update(item.id, { title: '   ' })).rejects.toThrow(/must not be empty/);
    await expect(vault.library.update(item.id, { notes: 'x'.repeat(5001) })).rejects.toThrow(/at most 5000/);
    await expect(
      vault.library.update(item.id, { tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }),
    ).rejects.toThrow(/at most 30 tags/);
    await expect(vault.library.update(item.id, { tags: ['y'.repeat(41)] })).rejects.toThrow(/at most 40/);
    expect(await vault.library.get(item.id)).toMatchObject({ title: 'p', tags: ['summer'] });
  });

  it('refuses to delete an item a post uses, naming the post; deletes it once the post lets go', async () => {
    const { item } = await vault.library.importFile(copyAs(photo, 'p.jpg'));
    const postId = '018f0000-0000-7000-8000-00000000a001';
    db.prepare(
      `INSERT INTO posts (id, creator_id, title, body, access_rule, status, version, created_at, updated_at,
        sync_state) VALUES (?, ?, 'Summer drop', '', '{"kind":"public"}', 'draft', 0, ?, ?, 'pending')`,
    ).run(postId, ACCOUNT.id, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    db.prepare('INSERT INTO post_media (post_id, position, media_id) VALUES (?, 0, ?)').run(postId, item.id);

    expect(vault.library.usedIn(item.id)).toEqual({ posts: [{ id: postId, title: 'Summer drop' }] });
    expect(() => vault.library.delete(item.id)).toThrow(/used in a post \(“Summer drop”\)/);
    expect((await vault.library.get(item.id)).id).toBe(item.id);

    db.prepare('UPDATE posts SET deleted = 1 WHERE id = ?').run(postId);
    expect(vault.library.usedIn(item.id)).toEqual({ posts: [] });
    vault.library.delete(item.id);
    await expect(vault.library.get(item.id)).rejects.toThrow(/was not found/);
    expect(deleted).toEqual([item.id]);
  });

  it('brings a deleted item back when its bytes are imported again', async () => {
    const { item } = await vault.library.importFile(copyAs(photo, 'p.jpg'), { tags: ['kept'] });
    vault.library.delete(item.id);
    expect((await vault.library.list()).items).toEqual([]);

    const again = await vault.library.importFile(copyAs(photo, 'again.jpg'));
    expect(again).toMatchObject({ duplicate: false, item: { id: item.id, title: 'p', tags: ['kept'] } });
    expect((await vault.library.list()).items.map((i) => i.id)).toEqual([item.id]);
    expect(enqueued).toEqual([item.id, item.id]);
  });
});
