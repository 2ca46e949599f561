import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';

/** tus upload ids as @tus/server names them (`Uid.rand`: 16 random bytes in hex). */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/**
 * The tus upload folder (`DATA_DIR/uploads`, never served): each upload's bytes in `<id>` and tus's record of
 * it in `<id>.json`. Only ids of tus's own shape are turned into paths.
 */
export class UploadFiles {
  constructor(readonly directory: string) {}

  static isUploadId(id: string): boolean {
    return UPLOAD_ID.test(id);
  }

  pathOf(uploadId: string): string {
    if (!UploadFiles.isUploadId(uploadId)) throw new RangeError('not a tus upload id');
    return path.join(this.directory, uploadId);
  }

  /** Removes the upload's bytes and tus's record of it (nothing there is not an error). */
  async remove(uploadId: string): Promise<void> {
    const file = this.pathOf(uploadId);
    await rm(file, { force: true });
    await rm(`${file}.json`, { force: true });
  }

  /** The first `bytes` bytes of the upload (fewer if it is shorter). */
  async head(uploadId: string, bytes: number): Promise<Uint8Array> {
    const handle = await open(this.pathOf(uploadId), 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** The whole upload's SHA-256 in hex, read as a stream (never held in memory). */
  async sha256(uploadId: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(this.pathOf(uploadId), { highWaterMark: 1024 * 1024 }), hash);
    return hash.digest('hex');
  }
}
