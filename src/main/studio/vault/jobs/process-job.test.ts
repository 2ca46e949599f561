import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEncoder, type Encoders } from '../../../../encoder/index';
import { openDatabase, type StudioDatabase } from '../../db/connection';
import { waitFor } from '../../test/studio-harness';
import { tempDir } from '../../test/temp-dir';
import { makeClip, makePhoto } from '../test-media';
import { openVault, type VaultFeature } from '../vault-feature';
import type { JobProgress } from './job-queue';
import { RenditionTable } from './rendition-table';
import { isWaiting } from './test-vault-items';
import { VaultJobQueue, type VaultJobsSettings } from './vault-jobs';

const run = promisify(execFile);
const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000cd',
  serverUrl: 'http://127.0.0.1:9',
  email: 'p@example.test',
  handle: 'mara',
  displayName: 'Mara',
  role: 'creator' as const,
};

// Media made once for the file; each test imports copies (import may move nothing: it copies).
const media = tempDir('mesi-jobs-media-');
const clip = join(media.path, 'Beach day.mp4');
const longClip = join(media.path, 'Long take.mp4');
const photo = join(media.path, 'sunset.jpg');
const song = join(media.path, 'song.wav');
beforeAll(async () => {
  await Promise.all([
    makeClip(clip, { seconds: 6, size: '640x360' }),
    makeClip(longClip, { seconds: 20, size: '1280x720' }),
    makePhoto(photo, '800x600'),
    run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '20', song]),
  ]);
});
afterAll(() => media.remove());

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let encoders: Encoders;
const opened: VaultFeature[] = [];
let jobs: VaultJobQueue;

function open(settings: VaultJobsSettings = {}): VaultFeature {
  const vault = openVault({
    db,
    account: ACCOUNT,
    folder: join(dir.path, 'accounts', ACCOUNT.id),
    changed: () => {},
    encoder: encoders,
    jobs: (context) => (jobs = new VaultJobQueue(context, { encoders: () => encoders, ...settings })),
  });
  opened.push(vault);
  vault.start();
  return vault;
}

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'accounts', `${ACCOUNT.id}.sqlite`));
  encoders = createEncoder({ preset: 'ultrafast' });
});
afterEach(async () => {
  for (const vault of opened.splice(0)) await vault.close();
  db.close();
  dir.remove();
});

const processJobOf = (itemId: string) => jobs.list(itemId).find((job) => job.kind === 'process')!;
const renditionFiles = (vault: VaultFeature, itemId: string) =>
  existsSync(join(vault.folders.renditions, itemId))
    ? readdirSync(join(vault.folders.renditions, itemId)).sort()
    : [];
const stagingLeft = (vault: VaultFeature) =>
  readdirSync(vault.folders.renditions).filter((name) => name.includes('partial'));

describe('processing an imported item', () => {
  it('makes a video’s web rendition, preview, poster, thumbnail and contact sheet, then queues its upload', async () => {
    const vault = open();
    const progress: JobProgress[] = [];
    jobs.queue.on('progress', (update) => progress.push(update));
    const { item } = await vault.library.importFile(clip);
    const done = await jobs.queue.settled(processJobOf(item.id).id);
    expect(done).toMatchObject({ state: 'done', progress: 1, error: null });

    const renditions = new RenditionTable(db).ofItem(item.id);
    expect(renditions.map((r) => [r.name, r.path, r.mime])).toEqual([
      ['contact', `renditions/${item.id}/contact.webp`, 'image/webp'],
      ['poster', `renditions/${item.id}/poster.webp`, 'image/webp'],
      ['preview', `renditions/${item.id}/preview.mp4`, 'video/mp4'],
      ['thumb', `renditions/${item.id}/thumb.webp`, 'image/webp'],
      ['web', `renditions/${item.id}/web.mp4`, 'video/mp4'],
    ]);
    const web = await encoders.media.probe(
      vault.folders.resolve(renditions.find((r) => r.name === 'web')!.path),
    );
    expect(web).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', width: 640, height: 360 });
    expect(web.durationMs).toBeGreaterThan(5_800);
    const preview = await encoders.media.probe(vault.folders.resolve(`renditions/${item.id}/preview.mp4`));
    expect(preview.durationMs).toBeGreaterThan(4_800);
    expect(preview.durationMs).toBeLessThan(5_300);
    const thumb = renditions.find((r) => r.name === 'thumb')!;
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(480);
    expect(renditions.every((r) => r.bytes > 0)).toBe(true);
    expect(renditionFiles(vault, item.id)).toEqual([
      'contact.webp',
      'poster.webp',
      'preview.mp4',
      'thumb.webp',
      'web.mp4',
    ]);
    expect(stagingLeft(vault)).toEqual([]);

    const fractions = progress.map((update) => update.progress);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    // No server yet: the upload waits, it does not fail.
    const upload = (await waitFor('the upload job', () =>
      jobs.list(item.id).find((job) => job.kind === 'upload'),
    ))!;
    await waitFor('the upload waiting', () => isWaiting(jobs.queue.get(upload.id)));
    expect(jobs.queue.get(upload.id)).toMatchObject({
      state: 'queued',
      error: 'Waiting for the connection to the server',
    });
  });

  it('makes a photo’s WebP and JPEG, thumbnail and blurred preview', async () => {
    const vault = open();
    const { item } = await vault.library.importFile(photo);
    expect(await jobs.queue.settled(processJobOf(item.id).id)).toMatchObject({ state: 'done' });
    const renditions = new RenditionTable(db).ofItem(item.id);
    expect(renditions.map((r) => [r.name, r.mime, r.width, r.height])).toEqual([
      ['poster', 'image/jpeg', 800, 600],
      ['preview', 'image/webp', expect.any(Number), expect.any(Number)],
      ['thumb', 'image/webp', 480, 360],
      ['web', 'image/webp', 800, 600],
    ]);
  });

  it('draws the creator’s handle on an item marked for a watermark, and processing again replaces the renditions', async () => {
    const vault = open();
    const { item } = await vault.library.importFile(photo);
    expect(await jobs.queue.settled(processJobOf(item.id).id)).toMatchObject({ state: 'done' });
    const web = vault.folders.resolve(`renditions/${item.id}/web.webp`);
    const plain = readFileSync(web);
    db.prepare('UPDATE vault_items SET watermark = 1 WHERE id = ?').run(item.id);
    const again = jobs.queue.enqueue(item.id, 'process');
    expect(await jobs.queue.settled(again.id)).toMatchObject({ state: 'done' });
    expect(readFileSync(web).equals(plain)).toBe(false);
    expect(new RenditionTable(db).ofItem(item.id)).toHaveLength(4);
    expect(renditionFiles(vault, item.id)).toEqual(['poster.jpg', 'preview.webp', 'thumb.webp', 'web.webp']);
  });

  it('makes an audio file’s AAC rendition and a 15 s preview', async () => {
    const vault = open();
    const { item } = await vault.library.importFile(song);
    expect(await jobs.queue.settled(processJobOf(item.id).id)).toMatchObject({ state: 'done' });
    const web = await encoders.media.probe(vault.folders.resolve(`renditions/${item.id}/web.m4a`));
    const preview = await encoders.media.probe(vault.folders.resolve(`renditions/${item.id}/preview.m4a`));
    expect(web).toMatchObject({ audioCodec: 'aac', videoCodec: null });
    expect(web.durationMs).toBeGreaterThan(19_500);
    expect(preview.durationMs).toBeGreaterThan(14_500);
    expect(preview.durationMs).toBeLessThan(15_500);
    expect(
      db.prepare('SELECT duration_ms FROM vault_items WHERE id = ?').pluck().get(item.id),
    ).toBeGreaterThan(19_500);
  });

  it('runs again to completion after the studio closed mid-way, with one row per rendition and no half files', async () => {
    const first = open();
    const { item } = await first.library.importFile(longClip);
    const job = (await waitFor('the web rendition under way', () => {
      const current = processJobOf(item.id);
      return current.state === 'running' && current.progress > 0.05 ? current : null;
    }))!;
    expect(job.etaMs).not.toBeNull();
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    expect(jobs.queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(new RenditionTable(db).ofItem(item.id)).toEqual([]);
    expect(stagingLeft(first)).toEqual([]);

    const second = open();
    expect(await jobs.queue.settled(job.id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(new RenditionTable(db).ofItem(item.id).map((r) => r.name)).toEqual([
      'contact',
      'poster',
      'preview',
      'thumb',
      'web',
    ]);
    expect(renditionFiles(second, item.id)).toEqual([
      'contact.webp',
      'poster.webp',
      'preview.mp4',
      'thumb.webp',
      'web.mp4',
    ]);
    expect(stagingLeft(second)).toEqual([]);
    const web = await encoders.media.probe(second.folders.resolve(`renditions/${item.id}/web.mp4`));
    expect(web.durationMs).toBeGreaterThan(19_800);
  });

  it('cancelling kills ffmpeg and leaves no output', async () => {
    const vault = open();
    const { item } = await vault.library.importFile(longClip);
    const job = (await waitFor('ffmpeg under way', () => {
      const current = processJobOf(item.id);
      return current.state === 'running' && current.progress > 0.02 ? current : null;
    }))!;
    const staging = vault.folders.resolve(`renditions/.${item.id}.partial`);
    expect(await ffmpegWriting(staging)).toBe(true);
    expect((await jobs.cancel(job.id)).state).toBe('cancelled');
    expect(await ffmpegWriting(staging)).toBe(false);
    expect(existsSync(staging)).toBe(false);
    expect(renditionFiles(vault, item.id)).toEqual([]);
    expect(new RenditionTable(db).ofItem(item.id)).toEqual([]);
    expect(jobs.list(item.id).map((j) => j.kind)).toEqual(['process']);
  });
});

/** Whether an ffmpeg process is writing into this folder now. */
async function ffmpegWriting(folder: string): Promise<boolean> {
  const { stdout } = await run('ps', ['-eo', 'args']);
  return stdout.split('\n').some((line) => line.includes('ffmpeg') && line.includes(folder));
}
