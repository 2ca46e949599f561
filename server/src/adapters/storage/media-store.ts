import type { Readable } from 'node:stream';

/** A byte range, both ends included (as HTTP's Range header counts). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Where processed media lives: a folder on this machine (`LocalDiskStore`) or an S3-compatible bucket
 * (`S3Store`). Keys are `media/<creatorId>/<mediaId>/<file>`; every store refuses any other shape (see
 * `assertStoreKey`), so nothing a request names can reach outside the media. Writes are whole files: a key
 * either holds a complete file or nothing.
 */
export interface MediaStore {
  /** Where media is kept, for the start-up line. */
  readonly description: string;
  /** Stores the finished local file `file` under `key` (replacing what was there); returns its size. */
  put(key: string, file: string, contentType: string): Promise<{ readonly bytes: number }>;
  /** The file's bytes, or those of `range`; rejects with `MediaNotStoredError` when there is nothing there. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** The file's size, or null when nothing is stored under `key`. */
  stat(key: string): Promise<{ readonly bytes: number } | null>;
  /** Removes every file whose key starts with `prefix` (which ends with `/`); nothing there is not an error. */
  deletePrefix(prefix: string): Promise<void>;
}

export class MediaNotStoredError extends Error {
  override readonly name = 'MediaNotStoredError';
  constructor(key: string) {
    super(`Nothing is stored under ${key}`);
  }
}

const KEY = /^[a-z0-9/._-]+$/;

/**
 * Refuses a key (or, with `prefix`, a prefix ending in `/`) that is not plain: only `[a-z0-9/._-]`, relative,
 * no empty, `.` or `..` segment. Every store calls it before touching anything.
 */
export function assertStoreKey(key: string, kind: 'key' | 'prefix' = 'key'): void {
  const body = kind === 'prefix' ? key.replace(/\/$/, '') : key;
  const plain =
    KEY.test(key) &&
    (kind === 'key' || key.endsWith('/')) &&
    !key.startsWith('/') &&
    body.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
  if (!plain) throw new RangeError(`not a media store ${kind}: ${JSON.stringify(key)}`);
}

/** The key of one rendition file of one item. */
export function mediaKey(creatorId: string, mediaId: string, file: string): string {
  const key = `${mediaPrefix(creatorId, mediaId)}${file}`;
  assertStoreKey(key);
  return key;
}

/** The prefix every file of one item is stored under. */
export function mediaPrefix(creatorId: string, mediaId: string): string {
  const prefix = `media/${creatorId.toLowerCase()}/${mediaId.toLowerCase()}/`;
  assertStoreKey(prefix, 'prefix');
  return prefix;
}
