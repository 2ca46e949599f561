import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { assertStoreKey, MediaNotStoredError, type ByteRange, type MediaStore } from './media-store';

/** Keys this store takes all start so; the rest of the key is the path under its folder. */
const KEY_PREFIX = 'media/';

/**
 * Media in a folder on this machine (`DATA_DIR/media` by default): key `media/<creator>/<item>/<file>` is the
 * file `<folder>/<creator>/<item>/<file>`. A file is copied to a temporary name beside its place and renamed,
 * so a reader never sees half of it.
 */
export class LocalDiskStore implements MediaStore {
  readonly description: string;

  constructor(private readonly directory: string) {
    this.description = `the folder ${directory}`;
  }

  async put(key: string, file: string, _contentType?: string): Promise<{ bytes: number }> {
    const target = this.#pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
    try {
      await copyFile(file, temporary);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { bytes: (await stat(target)).size };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.#pathOf(key);
    if ((await this.stat(key)) === null) throw new MediaNotStoredError(key);
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    try {
      const info = await stat(this.#pathOf(key));
      return info.isFile() ? { bytes: info.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertStoreKey(prefix, 'prefix');
    if (!prefix.startsWith(KEY_PREFIX) || prefix === KEY_PREFIX) {
      throw new RangeError(`not a media store prefix: ${JSON.stringify(prefix)}`);
    }
    await rm(path.join(this.directory, prefix.slice(KEY_PREFIX.length)), { recursive: true, force: true });
  }

  #pathOf(key: string): string {
    assertStoreKey(key);
    if (!key.startsWith(KEY_PREFIX)) throw new RangeError(`not a media store key: ${JSON.stringify(key)}`);
    const file = path.resolve(this.directory, key.slice(KEY_PREFIX.length));
    // Belt and braces: the key's shape already rules this out.
    if (!file.startsWith(path.resolve(this.directory) + path.sep)) {
      throw new RangeError(`not a media store key: ${JSON.stringify(key)}`);
    }
    return file;
  }
}
