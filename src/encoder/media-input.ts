import { open } from 'node:fs/promises';
import { SNIFF_BYTES, sniffMedia, type SniffedMedia } from '@shared/domain/media/sniff';
import { UnreadableMediaError } from './encoder';

/** An input file that passed the checks every job makes before ffmpeg or sharp is given it. */
export interface CheckedInput {
  readonly sniffed: SniffedMedia;
  readonly bytes: number;
}

/**
 * Refuses, with a sentence a creator can act on, a file that is missing, empty, not media by its first bytes (an
 * `.exe` renamed `.mp4`, a playlist, a page), or an MP4/MOV whose boxes run past its end (an interrupted copy or
 * upload: ffprobe reads such a file happily when its index comes first, and the rendition would be cut short).
 */
export async function checkMediaInput(file: string): Promise<CheckedInput> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new UnreadableMediaError('The file could not be opened (it is missing or not readable).', {
      cause: error,
    });
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new UnreadableMediaError('The file is empty.');
    const head = new Uint8Array(Math.min(SNIFF_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    const sniffed = sniffMedia(head);
    if (!sniffed) {
      throw new UnreadableMediaError(
        'This file is not a photo, video or audio file we accept (its contents are of another kind, whatever its name says).',
      );
    }
    if (isIsoBmff(head) && !(await boxesFitIn(handle, size))) {
      throw new UnreadableMediaError(
        `This ${sniffed.label} is incomplete: it ends before its last part. Was the copy or the upload interrupted? Try it again from the original.`,
      );
    }
    return { sniffed, bytes: size };
  } finally {
    await handle.close();
  }
}

function isIsoBmff(head: Uint8Array): boolean {
  return String.fromCharCode(...head.subarray(4, 8)) === 'ftyp';
}

type FileHandle = Awaited<ReturnType<typeof open>>;

/** Walks the top-level boxes (ftyp, moov, mdat, free, …): true when each ends within the file. */
async function boxesFitIn(handle: FileHandle, fileSize: number): Promise<boolean> {
  const header = Buffer.alloc(16);
  let offset = 0;
  // A real file has a handful of top-level boxes; the bound only stops a crafted file from looping for long.
  for (let boxes = 0; boxes < 100_000; boxes++) {
    // A few stray bytes after the last box (some cameras pad) are no box at all.
    if (fileSize - offset < 8) return true;
    const { bytesRead } = await handle.read(header, 0, 16, offset);
    if (bytesRead < 8) return true;
    const size32 = header.readUInt32BE(0);
    let size: number;
    if (size32 === 1) {
      if (bytesRead < 16) return false;
      size = Number(header.readBigUInt64BE(8));
    } else if (size32 === 0) {
      return true; // "to the end of the file"
    } else {
      size = size32;
    }
    if (size < 8) return false;
    if (offset + size > fileSize) return false;
    offset += size;
  }
  return true;
}
