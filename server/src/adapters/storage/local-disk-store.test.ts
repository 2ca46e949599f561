import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDiskStore } from './local-disk-store';
import { MediaNotStoredError, mediaKey, mediaPrefix } from './media-store';

describe('LocalDiskStore', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mesi-disk-store-'));
  const store = new LocalDiskStore(path.join(dir, 'media'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a file under its key and reads it whole or by range', async () => {
    const source = path.join(dir, 'source');
    writeFileSync(source, '0123456789');
    const key = mediaKey('c1', 'm1', 'full.webp');
    expect(await store.put(key, source, 'image/webp')).toEqual({ bytes: 10 });
    expect(statSync(path.join(dir, 'media', 'c1', 'm1', 'full.webp')).size).toBe(10);
    expect(await text(await store.read(key))).toBe('0123456789');
    expect(await text(await store.read(key, { start: 2, end: 4 }))).toBe('234');
    expect(await store.stat(key)).toEqual({ bytes: 10 });
    expect(await store.stat(mediaKey('c1', 'm1', 'thumb.webp'))).toBeNull();
    await expect(store.read(mediaKey('c1', 'm1', 'thumb.webp'))).rejects.toBeInstanceOf(MediaNotStoredError);
  });

  it("deletes one item's files and leaves the others", async () => {
    const source = path.join(dir, 'source');
    writeFileSync(source, 'x');
    await store.put(mediaKey('c2', 'm1', 'a.webp'), source, 'image/webp');
    await store.put(mediaKey('c2', 'm10', 'a.webp'), source, 'image/webp');
    await store.deletePrefix(mediaPrefix('c2', 'm1'));
    expect(existsSync(path.join(dir, 'media', 'c2', 'm1'))).toBe(false);
    expect(existsSync(path.join(dir, 'media', 'c2', 'm10', 'a.webp'))).toBe(true);
    await store.deletePrefix(mediaPrefix('c2', 'none'));
  });

  it('refuses any key that could leave its folder or is not plain', async () => {
    for (const key of [
      'media/../pglite/x',
      'media/c1/../../x',
      '/etc/passwd',
      'media/C1/m1/full.webp',
      'media/c1/m1/ful l.webp',
      'media//m1/full.webp',
      'other/c1/m1/full.webp',
      'media/c1/m1/./full.webp',
    ]) {
      await expect(store.stat(key), key).rejects.toThrow(/not a media store key/);
    }
    await expect(store.deletePrefix('media/')).rejects.toThrow(/not a media store prefix/);
    await expect(store.deletePrefix('media/..')).rejects.toThrow(/not a media store prefix/);
  });
});
