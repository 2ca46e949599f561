import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DetailedError, Upload } from 'tus-js-client';
import type { UploadMetadata } from '@shared/domain/media/media';
import { fileSha256 } from './file-sha256';
import type { JobFolders, JobItems } from './job-inputs';
import { JobAbortedError, JobMustWaitError, UploadRefusedError } from './job-errors';
import type { JobRunner } from './job-queue';
import type { RenditionTable } from './rendition-table';
import type { UploadTable } from './upload-table';

/** The server an account uploads to, and its token (the one sync uses). */
export interface UploadServer {
  readonly serverUrl: string;
  readonly token: string;
}

export interface UploadJobDeps {
  readonly items: JobItems;
  readonly folders: JobFolders;
  readonly renditions: RenditionTable;
  readonly uploads: UploadTable;
  /** The server to upload to, null while the account is not connected (the job waits). */
  readonly server: () => UploadServer | null;
  /** Whether the item is still being processed (its upload then waits for the web rendition). */
  readonly processing: (itemId: string) => boolean;
  /** Bytes per PATCH request: what is resent when a connection dies mid-chunk. */
  readonly chunkSize?: number;
  /** tus-js-client's own quick retries before the job goes back to the queue to wait. */
  readonly retryDelays?: readonly number[];
}

export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
const DEFAULT_RETRY_DELAYS = [0, 1_000, 3_000, 5_000];

/**
 * Uploads an item's `web` rendition to the server's tus endpoint (`<serverUrl>/uploads`): for a video the MP4,
 * for audio the .m4a, for a photo the WebP (the server re-encodes every upload anyway, and WebP is the smallest
 * of the photo's renditions at the same quality).
 *
 * Resuming: the tus URL is stored in `vault_uploads` as soon as the server makes it, and a later run (after the
 * network, the server or the studio died) hands it to a new `Upload`, which asks the server's offset (HEAD) and
 * sends the rest. The file is given as an `fs.ReadStream` with a path, which tus-js-client reads as a file it can
 * seek in (a new stream per chunk from the offset), not as a one-way stream.
 *
 * Outcomes: no connection or the server down → the job waits (queued) and is tried again; a refusal (4xx with
 * the server's message: type, size, quota, checksum) → the job fails with that message, no retry.
 */
export function uploadJob(deps: UploadJobDeps): JobRunner {
  return async (job, { signal, progress }) => {
    const item = deps.items.get(job.itemId);
    if (!item) throw new Error('The item is no longer in the vault');
    if (item.deleted_at !== null) throw new Error('The item was deleted');
    const web = deps.renditions.get(item.id, 'web');
    if (!web) {
      if (deps.processing(item.id)) throw new JobMustWaitError('Waiting for processing to finish');
      throw new Error('The item has not been processed yet');
    }
    const server = deps.server();
    if (!server) throw new JobMustWaitError('Waiting for the connection to the server');

    const path = deps.folders.resolve(web.path);
    const { size } = await stat(path);
    let upload = deps.uploads.get(item.id);
    if (!upload || upload.filePath !== web.path || upload.bytes !== size) {
      // The checksum is of exactly the bytes sent: the server checks it before it processes anything.
      const sha256 = await fileSha256(path, signal);
      upload = deps.uploads.begin({ itemId: item.id, filePath: web.path, bytes: size, sha256, at: now() });
    }
    if (item.server_status === null) deps.items.setServerStatus(item.id, 'uploading', null, now());

    const metadata: UploadMetadata = {
      mediaId: item.id,
      kind: item.kind,
      filename: displayName(item.original_name, web.path),
      sha256: upload.sha256,
    };
    const pace = new UploadPace();
    signal.throwIfAborted();
    const file = createReadStream(path);
    const sent = new Promise<void>((resolve, reject) => {
      // tus-js-client's types omit Node streams, which its Node build reads (a path-based ReadStream as a file).
      const tus: Upload = new Upload(file as unknown as Buffer, {
        endpoint: `${server.serverUrl.replace(/\/+$/, '')}/uploads`,
        uploadUrl: upload.uploadUrl,
        uploadSize: size,
        chunkSize: deps.chunkSize ?? DEFAULT_CHUNK_SIZE,
        metadata: { ...metadata },
        headers: { Authorization: `Bearer ${server.token}` },
        retryDelays: [...(deps.retryDelays ?? DEFAULT_RETRY_DELAYS)],
        // `vault_uploads` is the URL storage; tus-js-client's own (a JSON file) stays unused.
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: false,
        onUploadUrlAvailable: () => deps.uploads.setUrl(item.id, tus.url, now()),
        onProgress: (sent, total) => progress(total > 0 ? sent / total : 0, pace.etaMs(sent, total)),
        onChunkComplete: (_chunk, accepted) => deps.uploads.setUploaded(item.id, accepted, now()),
        onSuccess: () => resolve(),
        onError: (error) => reject(outcomeOf(error, () => deps.uploads.setUrl(item.id, null, now()))),
      });
      signal.addEventListener(
        'abort',
        () => {
          // Stopped, not terminated: the server keeps what it has, so a retry resumes from there.
          void tus.abort(false);
          reject(new JobAbortedError());
        },
        { once: true },
      );
      tus.start();
    });
    try {
      await sent;
    } finally {
      // tus-js-client leaves its source open after an abort or an error (to resume the same `Upload`).
      file.destroy();
    }

    deps.uploads.setUploaded(item.id, size, now());
    // The `media` kind may already have said more (ready or failed): never go back from it.
    const after = deps.items.get(item.id);
    if (after && (after.server_status === null || after.server_status === 'uploading')) {
      deps.items.setServerStatus(item.id, 'processing', null, now());
    }
  };
}

/** What a tus error means for the job: wait and try again, start the upload afresh, or fail with the server's words. */
function outcomeOf(error: Error, forgetUrl: () => void): Error {
  if (!(error instanceof DetailedError) || !error.originalResponse) {
    return new JobMustWaitError('Waiting for the connection to the server');
  }
  const status = error.originalResponse.getStatus();
  if (status === 404 || status === 410) {
    // The server no longer has the partial upload (expired or cleaned up): the next run starts a new one.
    forgetUrl();
    return new JobMustWaitError('The server lost the partial upload; it will start again');
  }
  if (status === 401) return new JobMustWaitError('Waiting for a valid sign-in to the server');
  // On a PATCH, 409 is tus's offset mismatch (the next run asks the offset again); on the POST that opens an
  // upload it is the server saying it has this item already, which no retry changes.
  const retryable = status === 423 || (status === 409 && error.originalRequest?.getMethod() !== 'POST');
  if (status >= 400 && status < 500 && !retryable) {
    return new UploadRefusedError(serverMessage(error.originalResponse.getBody(), status));
  }
  return new JobMustWaitError(`Waiting for the server (it answered ${status})`);
}

/** The server's refusal in its own words: its body (plain text, or JSON with a `message`), trimmed. */
export function serverMessage(body: string | undefined, status: number): string {
  let text = (body ?? '').trim();
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } | unknown };
    const message =
      typeof parsed.message === 'string'
        ? parsed.message
        : typeof parsed.error === 'object' && parsed.error !== null
          ? (parsed.error as { message?: unknown }).message
          : parsed.error;
    if (typeof message === 'string') text = message.trim();
  } catch {
    // plain text
  }
  if (text === '') return `The server refused the upload (${status})`;
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** The file name the server shows: the original's name with the uploaded rendition's extension, never a path. */
function displayName(originalName: string, renditionPath: string): string {
  const extension = extname(renditionPath);
  const stem = originalName.slice(0, originalName.length - extname(originalName).length);
  const safe = stem.replace(/[\\/\0]/g, '_').replace(/^\.+$/, '') || 'media';
  return `${safe.slice(0, 255 - extension.length)}${extension}`;
}

/** Time left at the pace of this run (bytes sent since it started over the time it has taken). */
class UploadPace {
  private start: { at: number; sent: number } | null = null;

  etaMs(sent: number, total: number): number | null {
    const at = Date.now();
    this.start ??= { at, sent };
    const elapsed = at - this.start.at;
    const moved = sent - this.start.sent;
    if (elapsed < 500 || moved <= 0) return null;
    return Math.round(((total - sent) * elapsed) / moved);
  }
}

function now(): string {
  return new Date().toISOString();
}
