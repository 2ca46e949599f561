import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEncoder } from '../../../../encoder/index';
import { openDatabase, type StudioDatabase } from '../../db/connection';
import { signUpOnServer, type TestCreator } from '../../test/server-accounts';
import { ServerProcess } from '../../test/server-process';
import { waitFor } from '../../test/studio-harness';
import { tempDir } from '../../test/temp-dir';
import { openVault, type VaultFeature } from '../vault-feature';
import { fileSha256 } from './file-sha256';
import { RenditionTable } from './rendition-table';
import { insertTestItem, isWaiting } from './test-vault-items';
import { UploadTable } from './upload-table';
import { VaultJobQueue } from './vault-jobs';

const run = promisify(execFile);

// One real companion server for the file (its first start is slow), killed and started again by the tests.
const serverDir = tempDir('mesi-upload-server-');
const server = new ServerProcess({ dataDir: serverDir.path });
const media = tempDir('mesi-upload-media-');
/** Noise does not compress: a 3 s clip whose web rendition takes many chunks. */
const noisyClip = join(media.path, 'Noisy take.mp4');
beforeAll(async () => {
  await Promise.all([
    server.start(),
    run('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '3', '-vf', 'noise=alls=60:allf=t'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', noisyClip],
    ]),
  ]);
});
afterAll(async () => {
  await server.kill();
  serverDir.remove();
  media.remove();
});

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let creator: TestCreator;
let jobs: VaultJobQueue;
const opened: VaultFeature[] = [];

/** A studio over the test's database, signed in as `creator`: small chunks, quick retries, frequent progress. */
function openStudio(): VaultFeature {
  const vault = openVault({
    db,
    account: {
      id: creator.id,
      serverUrl: server.url,
      email: creator.email,
      handle: creator.handle,
      displayName: 'C',
      role: 'creator',
    },
    folder: join(dir.path, 'accounts', creator.id),
    changed: () => {},
    jobs: (context) =>
      (jobs = new VaultJobQueue(context, {
        encoders: () => createEncoder({ preset: 'ultrafast' }),
        chunkSize: 256 * 1024,
        retryDelays: [0, 100],
        waitBackoff: { baseMs: 100, capMs: 500 },
        progressIntervalMs: 10,
      })),
  });
  opened.push(vault);
  vault.start();
  vault.connect({ serverUrl: server.url, token: creator.token });
  return vault;
}

async function closeStudio(vault: VaultFeature): Promise<void> {
  await vault.close();
  opened.splice(opened.indexOf(vault), 1);
}

/** An item already processed, whose web rendition is `content` (bytes, or a file to copy). */
function processedItem(vault: VaultFeature, content: Buffer | string): string {
  const itemId = insertTestItem(db, { kind: 'video', originalPath: 'originals/none.mp4' });
  const file = join(vault.folders.renditionFolder(itemId), 'web.mp4');
  if (typeof content === 'string') copyFileSync(content, file);
  else writeFileSync(file, content);
  const at = new Date().toISOString();
  const path = vault.folders.renditionPath(itemId, 'web.mp4');
  const bytes = statSync(file).size;
  new RenditionTable(db).replace(
    itemId,
    [
      {
        itemId,
        name: 'web',
        path,
        bytes,
        mime: 'video/mp4',
        width: null,
        height: null,
        durationMs: null,
        createdAt: at,
      },
    ],
    { durationMs: null, width: null, height: null, videoCodec: null, audioCodec: null },
    at,
  );
  return itemId;
}

const jobOf = (itemId: string, kind: 'process' | 'upload') =>
  jobs.list(itemId).find((job) => job.kind === kind);
const onServer = async (itemId: string) =>
  (await creator.api.media.list.query()).find((item) => item.id === itemId);

beforeEach(async () => {
  if (!server.running) await server.start();
  dir = tempDir();
  creator = await signUpOnServer(server.url);
  db = openDatabase(join(dir.path, 'accounts', `${creator.id}.sqlite`));
});
afterEach(async () => {
  for (const vault of opened.splice(0)) await vault.close();
  db.close();
  dir.remove();
});

describe('uploads to the real server', () => {
  it('an imported video is processed and uploaded; the server killed at a random point and the studio restarted, it resumes and the server takes it', async () => {
    const first = openStudio();
    let killed: Promise<void> | null = null;
    const cutAt = 0.15 + Math.random() * 0.7;
    jobs.queue.on('progress', (update) => {
      if (update.kind === 'upload' && update.progress > cutAt && !killed) killed = server.kill();
    });
    const { item } = await first.library.importFile(noisyClip);
    await waitFor('the server killed mid-upload', () => killed !== null, 120_000);
    await killed;
    const upload = jobOf(item.id, 'upload')!;
    await waitFor('the upload waiting', () => isWaiting(jobs.queue.get(upload.id)));
    const stored = new UploadTable(db).get(item.id)!;
    expect(stored.uploadUrl).toMatch(/\/uploads\//);
    expect(stored.uploadedBytes).toBeLessThan(stored.bytes);
    expect(jobs.queue.get(upload.id)).toMatchObject({ state: 'queued' });
    await closeStudio(first);
    await server.start();
    openStudio();
    expect(await jobs.queue.settled(upload.id)).toMatchObject({ state: 'done', error: null });
    // Resumed, not sent again: the same tus upload (a second one for this item would have been refused).
    expect(new UploadTable(db).get(item.id)?.uploadUrl).toBe(stored.uploadUrl);
    const web = new RenditionTable(db).get(item.id, 'web')!;
    expect(stored.sha256).toBe(await fileSha256(join(dir.path, 'accounts', creator.id, 'media', web.path)));
    // The server checked the whole file's SHA-256 before processing it, then made it ready.
    const ready = await waitFor(
      'the server to process it',
      async () => {
        const found = await onServer(item.id);
        return found?.status === 'ready' || found?.status === 'failed' ? found : null;
      },
      120_000,
    );
    expect(ready).toMatchObject({ status: 'ready', kind: 'video', bytes: stored.bytes });
  });

  it('waits while the server is down and uploads once it is back', async () => {
    const vault = openStudio();
    const itemId = processedItem(vault, noisyClip);
    await server.kill();
    jobs.enqueue(itemId);
    const upload = jobOf(itemId, 'upload')!;
    await waitFor('the upload waiting', () => isWaiting(jobs.queue.get(upload.id)));
    expect(jobs.queue.get(upload.id)).toMatchObject({
      state: 'queued',
      error: 'Waiting for the connection to the server',
    });
    await server.start();
    expect(await jobs.queue.settled(upload.id)).toMatchObject({ state: 'done' });
    expect((await onServer(itemId))?.status).toMatch(/^(processing|ready)$/);
  });

  it('a file the server refuses fails with the server’s message, and nothing is retried', async () => {
    const vault = openStudio();
    const itemId = processedItem(vault, randomBytes(300_000));
    jobs.enqueue(itemId);
    const failed = await jobs.queue.settled(jobOf(itemId, 'upload')!.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/^The file is not a video/);
    expect(await onServer(itemId)).toBeUndefined();
  });
});
