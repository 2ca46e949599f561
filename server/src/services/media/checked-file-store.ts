import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { SNIFF_BYTES } from '@shared/domain/media/sniff';
import type { UploadFiles } from './upload-files';

/** Looks at an upload's first bytes; rejects (with an `UploadRefusal`) to refuse the upload. */
export type HeadCheck = (uploadId: string, head: Uint8Array) => Promise<void>;

/**
 * tus's file store, with the upload's first `SNIFF_BYTES` checked before they are written: the bytes of a
 * chunk that starts within them are held back until enough have arrived (with what earlier chunks wrote), then
 * `check` decides. A refused upload has nothing of the held bytes written, and the refusal (not tus's generic
 * write error) is what the client hears. Everything after the head streams through untouched.
 */
export class CheckedFileStore extends FileStore {
  constructor(
    private readonly files: UploadFiles,
    private readonly check: HeadCheck,
  ) {
    super({ directory: files.directory });
  }

  override async write(readable: Readable, uploadId: string, offset: number): Promise<number> {
    if (offset >= SNIFF_BYTES) return super.write(readable, uploadId, offset);
    const upload = await this.getUpload(uploadId);
    const earlier = offset > 0 ? await this.files.head(uploadId, offset) : new Uint8Array(0);
    const gate = new HeadGate(earlier, upload.size ?? Number.MAX_SAFE_INTEGER, (head) =>
      this.check(uploadId, head),
    );
    readable.once('error', (error) => gate.destroy(error));
    try {
      return await super.write(readable.pipe(gate), uploadId, offset);
    } catch (error) {
      throw gate.refusal ?? error;
    }
  }
}

/** Holds back the head of an upload until it can be checked, then lets everything through. */
class HeadGate extends Transform {
  refusal: unknown = null;
  #held: Buffer[] = [];
  #heldBytes = 0;
  #checked = false;

  constructor(
    private readonly earlier: Uint8Array,
    private readonly size: number,
    private readonly check: (head: Uint8Array) => Promise<void>,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.#checked) return done(null, chunk);
    this.#held.push(chunk);
    this.#heldBytes += chunk.length;
    if (this.earlier.length + this.#heldBytes < Math.min(SNIFF_BYTES, this.size)) return done();
    this.#release(done);
  }

  override _flush(done: TransformCallback): void {
    // The upload is whole and shorter than the head: check what there is. Otherwise the next chunk decides.
    if (!this.#checked && this.earlier.length + this.#heldBytes >= this.size) return this.#release(done);
    done(null, this.#checked ? undefined : Buffer.concat(this.#held));
  }

  #release(done: TransformCallback): void {
    const held = Buffer.concat(this.#held);
    this.#held = [];
    const head = Buffer.concat([this.earlier, held]).subarray(0, SNIFF_BYTES);
    this.check(head).then(
      () => {
        this.#checked = true;
        done(null, held);
      },
      (error: unknown) => {
        this.refusal = error;
        done(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }
}
