import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '@shared/domain/errors';
import { SNIFF_BYTES, sniffMedia, type SniffedMedia } from '@shared/domain/media/sniff';
import {
  UnreadableMediaError,
  type MediaEncoder,
  type MediaProbe,
  type PhotoProcessor,
} from '../../../encoder';

/** The largest file the vault takes (a long 4K recording fits; a disk image renamed `.mp4` does not). */
export const VAULT_MAX_FILE_BYTES = 8 * 1024 ** 3;

/** The encoder's two halves, as the vault uses them (probing only; processing is the job queue's). */
export interface VaultEncoder {
  readonly media: Pick<MediaEncoder, 'probe'>;
  readonly photos: Pick<PhotoProcessor, 'probe'>;
}

/** A file the vault refuses, with why in words the creator can act on; nothing of it was kept. */
export class ImportRefusedError extends ValidationError {
  override readonly name = 'ImportRefusedError';
  constructor(message: string) {
    super(message, 'file');
  }
}

/** What hashing a file found: its content hash, size, first bytes, and its modification time at the start. */
export interface FileFacts {
  readonly sha256: string;
  readonly bytes: number;
  readonly head: Uint8Array;
  readonly mtimeMs: number;
}

/**
 * Reads the file once, streaming: its SHA-256 and its first `SNIFF_BYTES`. Refuses what is not a regular file,
 * empty, or over the limit before reading it.
 */
export async function readFileFacts(path: string, name: string): Promise<FileFacts> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new ImportRefusedError(
      error.code === 'ENOENT'
        ? `“${name}” was not found`
        : `“${name}” could not be read (${error.code ?? error.message})`,
    );
  });
  if (!info.isFile()) throw new ImportRefusedError(`“${name}” is not a file`);
  if (info.size === 0)
    throw new ImportRefusedError(`“${name}” is empty (0 bytes): there is nothing to import`);
  if (info.size > VAULT_MAX_FILE_BYTES) {
    throw new ImportRefusedError(
      `“${name}” is larger than ${VAULT_MAX_FILE_BYTES / 1024 ** 3} GiB, the most the vault takes`,
    );
  }
  const hash = createHash('sha256');
  const head = new Uint8Array(Math.min(SNIFF_BYTES, info.size));
  let headFilled = 0;
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: 1024 * 1024,
    }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (headFilled < head.length) {
        const take = chunk.subarray(0, head.length - headFilled);
        head.set(take, headFilled);
        headFilled += take.length;
      }
      bytes += chunk.length;
    }
  } catch (error) {
    throw new ImportRefusedError(
      `“${name}” could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (bytes === 0) throw new ImportRefusedError(`“${name}” is empty (0 bytes): there is nothing to import`);
  return { sha256: hash.digest('hex'), bytes, head: head.subarray(0, headFilled), mtimeMs: info.mtimeMs };
}

/** What the file's first bytes say it is, or a refusal: the name's extension is never trusted. */
export function sniffOrRefuse(facts: FileFacts, name: string): SniffedMedia {
  const sniffed = sniffMedia(facts.head);
  if (!sniffed) {
    throw new ImportRefusedError(
      `“${name}” is not a photo, video or audio file the vault can read (whatever its name says, its content is not one)`,
    );
  }
  return sniffed;
}

/** ffprobe (audio, video) or sharp (photos) on the file; what they cannot read is refused in their words. */
export async function probeOrRefuse(
  encoder: VaultEncoder,
  path: string,
  sniffed: SniffedMedia,
  name: string,
): Promise<MediaProbe> {
  try {
    return sniffed.kind === 'photo' ? await encoder.photos.probe(path) : await encoder.media.probe(path);
  } catch (error) {
    if (error instanceof UnreadableMediaError) {
      throw new ImportRefusedError(
        `“${name}” looks like a ${sniffed.label} but cannot be read: ${error.message}`,
      );
    }
    throw error;
  }
}

/** The type and extension an original is stored with: the sniffed ones, unless ffprobe found only audio. */
export function storedType(sniffed: SniffedMedia, probe: MediaProbe): { mime: string; extension: string } {
  const mime = probe.kind === 'audio' ? (AUDIO_ONLY_MIME[sniffed.mime] ?? sniffed.mime) : sniffed.mime;
  return { mime, extension: EXTENSIONS[mime] ?? 'bin' };
}

const AUDIO_ONLY_MIME: Readonly<Record<string, string>> = {
  'video/mp4': 'audio/mp4',
  'video/x-m4v': 'audio/mp4',
  'video/webm': 'audio/webm',
  'video/ogg': 'audio/ogg',
};

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heic-sequence': 'heics',
  'image/heif': 'heif',
  'image/heif-sequence': 'heifs',
  'image/avif': 'avif',
  'video/x-msvideo': 'avi',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/3gpp': '3gp',
  'video/3gpp2': '3g2',
  'video/x-m4v': 'm4v',
  'audio/mp4': 'm4a',
  'audio/webm': 'weba',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/ogg': 'ogv',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'video/x-flv': 'flv',
  'video/x-ms-asf': 'wmv',
  'video/mpeg': 'mpg',
};

/**
 * Puts the file beside its final place under a temporary name in `folder` (same folder, so the final rename is
 * atomic): moved when the vault owns it already (a browser-mode upload in `incoming/`), otherwise copied, as a
 * copy-on-write clone where the file system can. Never a hard link: an editor saving the source in place
 * would change the vault's original under its hash. Refuses a source that changed while it was read.
 */
export async function stageFile(
  source: string,
  folder: string,
  facts: FileFacts,
  name: string,
  move: boolean,
): Promise<string> {
  const temporary = join(folder, `.${facts.sha256}.${randomBytes(6).toString('hex')}.part`);
  if (move) {
    await rename(source, temporary);
    return temporary;
  }
  try {
    await copyFile(source, temporary, constants.COPYFILE_FICLONE);
    const after = await stat(source);
    if (after.size !== facts.bytes || after.mtimeMs !== facts.mtimeMs) {
      throw new ImportRefusedError(
        `“${name}” changed while it was being imported; import it again once it is saved`,
      );
    }
    return temporary;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
