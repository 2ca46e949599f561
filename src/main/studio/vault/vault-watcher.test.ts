import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEncoder } from '../../../encoder';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { waitFor } from '../test/studio-harness';
import { tempDir } from '../test/temp-dir';
import { makeClip, makePhoto } from './test-media';
import { openVault, type VaultFeature } from './vault-feature';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000cc',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'Mara',
  role: 'creator' as const,
};

const media = tempDir('mesi-vault-media-');
const clip = join(media.path, 'clip.mp4');
const photo = join(media.path, 'photo.jpg');
const otherPhoto = join(media.path, 'other.jpg');
beforeAll(async () => {
  await Promise.all([makeClip(clip), makePhoto(photo), makePhoto(otherPhoto, '320x200')]);
});
afterAll(() => media.remove());

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let vault: VaultFeature;
let changed: string[];
let drop: string;

function open(): VaultFeature {
  return openVault({
    db,
    account: ACCOUNT,
    folder: join(dir.path, 'account'),
    changed: (ids) => changed.push(...ids),
    encoder: createEncoder(),
    watch: { pollMs: 100, settleMs: 300 },
  });
}

beforeEach(() => {
  dir = tempDir();
  drop = join(dir.path, 'Drop here');
  mkdirSync(drop);
  db = openDatabase(join(dir.path, 'account.sqlite'));
  changed = [];
  vault = open();
});
afterEach(async () => {
  await vault.close();
  db.close();
  dir.remove();
});

const titles = async () => (await vault.library.list()).items.map((item) => item.title).sort();

describe('the watched folder', () => {
  it('is off until the creator turns it on', () => {
    expect(vault.watcher.state()).toEqual({ path: null, enabled: false, watching: false, lastError: null });
  });

  it('imports files dropped in it (and in folders inside it), not the ones already there', async () => {
    copyFileSync(photo, join(drop, 'before.jpg'));
    expect(await vault.watcher.set({ path: drop, enabled: true })).toMatchObject({
      path: drop,
      enabled: true,
      watching: true,
    });

    copyFileSync(clip, join(drop, 'Beach.mp4'));
    mkdirSync(join(drop, 'day 2'));
    copyFileSync(otherPhoto, join(drop, 'day 2', 'Pier.JPG'));
    writeFileSync(join(drop, 'readme.txt'), 'not media: left alone');

    await waitFor('both new files imported', async () => (await titles()).length === 2, 20_000);
    expect(await titles()).toEqual(['Beach', 'Pier']);
    expect(changed).toHaveLength(2);
    expect(vault.watcher.state().lastError).toBeNull();
  });

  it('waits until a file stops growing, then imports it whole once', async () => {
    await vault.watcher.set({ path: drop, enabled: true });
    const bytes = readFileSync(clip);
    const growing = join(drop, 'recording.mp4');
    writeFileSync(growing, bytes.subarray(0, 1000));
    // Keep it growing for longer than it must stay still.
    for (let offset = 1000; offset < bytes.length; offset += Math.ceil(bytes.length / 8)) {
      await new Promise((resolve) => setTimeout(resolve, 120));
      appendFileSync(
        growing,
        bytes.subarray(offset, Math.min(bytes.length, offset + Math.ceil(bytes.length / 8))),
      );
    }
    await waitFor(
      'the recording imported',
      async () => (await vault.library.list()).items.length === 1,
      20_000,
    );
    const [item] = (await vault.library.list()).items;
    expect(item).toMatchObject({ title: 'recording', bytes: bytes.length, kind: 'video' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await vault.library.list()).items).toHaveLength(1);
  });

  it('reports a file it refuses, once, and goes on with the others', async () => {
    await vault.watcher.set({ path: drop, enabled: true });
    writeFileSync(join(drop, 'fake.mp4'), 'this is text, not a video');
    await waitFor('the refusal reported', () => vault.watcher.state().lastError, 20_000);
    expect(vault.watcher.state().lastError).toMatch(/“fake\.mp4” is not a photo, video or audio file/);

    copyFileSync(photo, join(drop, 'good.jpg'));
    await waitFor('the good file imported', async () => (await titles()).length === 1, 20_000);
    expect(await titles()).toEqual(['good']);
    // The refused file is not tried again on the next looks (its refusal would be reported again).
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(vault.watcher.state().lastError).toBeNull();
  });

  it('remembers the folder: after a restart it imports what arrived meanwhile', async () => {
    await vault.watcher.set({ path: drop, enabled: true });
    copyFileSync(photo, join(drop, 'first.jpg'));
    await waitFor('the first file imported', async () => (await titles()).length === 1, 20_000);
    await vault.close();

    copyFileSync(otherPhoto, join(drop, 'while closed.jpg'));
    vault = open();
    expect(vault.watcher.state()).toMatchObject({ path: drop, enabled: true, watching: false });
    vault.start();
    await waitFor('the file added while closed', async () => (await titles()).length === 2, 20_000);
    expect(await titles()).toEqual(['first', 'while closed']);
  });

  it('stops when turned off', async () => {
    await vault.watcher.set({ path: drop, enabled: true });
    expect(await vault.watcher.set({ path: drop, enabled: false })).toMatchObject({
      enabled: false,
      watching: false,
    });
    copyFileSync(photo, join(drop, 'ignored.jpg'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await titles()).toEqual([]);
  });

  it('refuses a folder that does not exist, a relative path, and the vault’s own folder', async () => {
    await expect(vault.watcher.set({ path: join(dir.path, 'missing'), enabled: true })).rejects.toThrow(
      /is not a folder on this computer/,
    );
    await expect(vault.watcher.set({ path: 'relative/folder', enabled: true })).rejects.toThrow(/full path/);
    vault.folders.ensure();
    await expect(vault.watcher.set({ path: vault.folders.originals, enabled: true })).rejects.toThrow(
      /own folder cannot be watched/,
    );
    await expect(vault.watcher.set({ path: null, enabled: true })).rejects.toThrow(/Choose a folder/);
    expect(vault.watcher.state().enabled).toBe(false);
  });
});
