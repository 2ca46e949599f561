import { createHash, randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type StudioDatabase } from '../../db/connection';
import { waitFor } from '../../test/studio-harness';
import { tempDir } from '../../test/temp-dir';
import { openVault, type VaultFeature } from '../vault-feature';
import { RenditionTable } from './rendition-table';
import { TestTusServer, type TestTusOptions } from './test-tus-server';
import { insertTestItem, isWaiting } from './test-vault-items';
import { UploadTable } from './upload-table';
import { VaultJobQueue } from './vault-jobs';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000ce',
  serverUrl: 'http://127.0.0.1:9',
  email: 'u@example.test',
  handle: 'una',
  displayName: 'Una',
  role: 'creator' as const,
};
const TOKEN = 'test-token';
const CHUNK = 256 * 1024;

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let jobs: VaultJobQueue;
const opened: VaultFeature[] = [];
const servers: TestTusServer[] = [];

/** A studio over the test's database: uploads in small chunks, quick retries. */
function openStudio(): VaultFeature {
  const vault = openVault({
    db,
    account: ACCOUNT,
    folder: join(dir.path, 'accounts', ACCOUNT.id),
    changed: () => {},
    jobs: (context) =>
      (jobs = new VaultJobQueue(context, {
        chunkSize: CHUNK,
        retryDelays: [0, 50],
        waitBackoff: { baseMs: 50, capMs: 200 },
      })),
  });
  opened.push(vault);
  vault.start();
  return vault;
}

async function closeStudio(vault: VaultFeature): Promise<void> {
  await vault.close();
  opened.splice(opened.indexOf(vault), 1);
}

function tusServer(options: Partial<TestTusOptions> = {}): TestTusServer {
  const server = new TestTusServer({ directory: join(dir.path, 'server-uploads'), token: TOKEN, ...options });
  servers.push(server);
  return server;
}

/** An item already processed: its web rendition is `bytes` random bytes. Returns its id and the file's SHA-256. */
function processedItem(vault: VaultFeature, bytes: number): { itemId: string; sha256: string } {
  const itemId = insertTestItem(db, { kind: 'video', originalPath: 'originals/none.mp4' });
  const content = randomBytes(bytes);
  writeFileSync(join(vault.folders.renditionFolder(itemId), 'web.mp4'), content);
  const path = vault.folders.renditionPath(itemId, 'web.mp4');
  const at = new Date().toISOString();
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
  return { itemId, sha256: createHash('sha256').update(content).digest('hex') };
}

const uploadJobOf = (itemId: string) => jobs.list(itemId).find((job) => job.kind === 'upload')!;
const serverStatus = (itemId: string) =>
  db.prepare('SELECT server_status FROM vault_items WHERE id = ?').pluck().get(itemId);

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'accounts', `${ACCOUNT.id}.sqlite`));
});
afterEach(async () => {
  for (const vault of opened.splice(0)) await vault.close();
  for (const server of servers.splice(0)) await server.stop();
  db.close();
  dir.remove();
});

describe('uploading a processed item with tus', () => {
  it('resumes from the server’s offset after the server died at a random chunk and the studio restarted', async () => {
    const bytes = 3 * 1024 * 1024 + 12_345;
    const cutAt = 2 + Math.floor(Math.random() * 9); // of 13 chunks
    const server: TestTusServer = tusServer({
      onPatch: (patch, cut) => {
        if (patch !== cutAt) return;
        // Part of this chunk gets through, then the server is gone.
        setTimeout(() => {
          cut();
          void server.stop();
        }, 5);
      },
    });
    await server.start();
    const first = openStudio();
    const { itemId, sha256 } = processedItem(first, bytes);
    first.connect({ serverUrl: server.url, token: TOKEN });
    jobs.enqueue(itemId);
    const job = uploadJobOf(itemId);
    await waitFor('the upload waiting for the server', () => isWaiting(jobs.queue.get(job.id)));
    expect(jobs.queue.get(job.id)).toMatchObject({
      state: 'queued',
      error: 'Waiting for the connection to the server',
    });
    const stored = new UploadTable(db).get(itemId)!;
    expect(stored).toMatchObject({ sha256, bytes, filePath: `renditions/${itemId}/web.mp4` });
    expect(stored.uploadUrl).toMatch(/\/uploads\/[0-9a-f]+$/);
    expect(serverStatus(itemId)).toBe('uploading');
    await closeStudio(first);

    // The server comes back with what it had; a new studio picks the job up.
    const uploadId = stored.uploadUrl!.split('/').pop()!;
    const offsetKept = statSync(join(dir.path, 'server-uploads', uploadId)).size;
    expect(offsetKept).toBeGreaterThan(0);
    expect(offsetKept).toBeLessThan(bytes);
    const before = server.seen.length;
    await server.start();
    const second = openStudio();
    second.connect({ serverUrl: server.url, token: TOKEN });
    expect(await jobs.queue.settled(job.id)).toMatchObject({ state: 'done', progress: 1, error: null });

    const after = server.seen.slice(before);
    expect(after[0]).toMatchObject({ method: 'HEAD', url: `/uploads/${uploadId}` });
    expect(after.filter((request) => request.method === 'POST')).toEqual([]);
    expect(after.find((request) => request.method === 'PATCH')?.offset).toBe(offsetKept);
    expect(after.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(server.finished.get(uploadId)).toBe(sha256);
    expect(serverStatus(itemId)).toBe('processing');
    expect(new UploadTable(db).get(itemId)?.uploadedBytes).toBe(bytes);
  });

  it('waits while offline and uploads once the server is reachable', async () => {
    const server = tusServer();
    const serverUrl = await server.reservePort();
    const vault = openStudio();
    const { itemId, sha256 } = processedItem(vault, 100_000);
    jobs.enqueue(itemId);
    const job = uploadJobOf(itemId);
    const states = new Set<string>();
    jobs.queue.on('state', (changed) => states.add(changed.state));
    const waiting = () =>
      waitFor('the upload queued, waiting', () => {
        const current = jobs.queue.get(job.id);
        return current.state === 'queued' && current.error === 'Waiting for the connection to the server';
      });
    // Not connected at all (no token yet): waiting, not failed.
    await waiting();
    // Connected, but the server is down: tried again and again, still waiting.
    vault.connect({ serverUrl, token: TOKEN });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await waiting();
    expect(states).toEqual(new Set(['running', 'queued']));
    expect(jobs.queue.get(job.id).attempts).toBe(0);

    await server.start();
    expect(await jobs.queue.settled(job.id)).toMatchObject({ state: 'done', error: null });
    expect([...server.finished.values()]).toEqual([sha256]);
  });

  it('fails with the server’s own words when it refuses the upload, and does not try again', async () => {
    const server = tusServer({ maxBytes: 50_000 });
    await server.start();
    const vault = openStudio();
    const { itemId } = processedItem(vault, 80_000);
    vault.connect({ serverUrl: server.url, token: TOKEN });
    jobs.enqueue(itemId);
    const failed = await jobs.queue.settled(uploadJobOf(itemId).id);
    expect(failed).toMatchObject({
      state: 'failed',
      error: 'This file is larger than your 50000 byte limit',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.seen.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(jobs.queue.get(failed.id).state).toBe('failed');
  });

  it('a cancelled upload stops mid-way, and retrying it resumes where the server is', async () => {
    let jobId = '';
    const server = tusServer({
      onPatch: (patch) => {
        if (patch === 3) void jobs.cancel(jobId);
      },
    });
    await server.start();
    const vault = openStudio();
    const { itemId, sha256 } = processedItem(vault, 2 * 1024 * 1024);
    vault.connect({ serverUrl: server.url, token: TOKEN });
    jobs.enqueue(itemId);
    jobId = uploadJobOf(itemId).id;
    expect(await jobs.queue.settled(jobId)).toMatchObject({ state: 'cancelled' });
    expect(server.finished.size).toBe(0);

    const before = server.seen.length;
    jobs.retry(jobId);
    expect(await jobs.queue.settled(jobId)).toMatchObject({ state: 'done' });
    const after = server.seen.slice(before);
    expect(after[0]?.method).toBe('HEAD');
    expect(after.find((request) => request.method === 'PATCH')?.offset).toBeGreaterThan(0);
    expect([...server.finished.values()]).toEqual([sha256]);
  });
});
