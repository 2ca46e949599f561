import { EncodeCancelledError, UnreadableMediaError } from '../../../../encoder/encoder';

/**
 * How a job's run can end other than done. A runner throws `JobMustWaitError` when the job cannot go on for
 * now (no connection, the server is down): the job goes back in the queue and is tried again later, it does not
 * fail. Anything else it throws fails the job with a message for the creator.
 */
export class JobMustWaitError extends Error {
  override readonly name = 'JobMustWaitError';
}

/** The server refused the upload (type, size, quota…): `message` is the server's, retrying would not help. */
export class UploadRefusedError extends Error {
  override readonly name = 'UploadRefusedError';
}

/** The run stopped because its signal was aborted (cancel, or the queue closing). */
export class JobAbortedError extends Error {
  override readonly name = 'JobAbortedError';
  constructor() {
    super('The job was stopped');
  }
}

export function isAbort(error: unknown): boolean {
  return (
    error instanceof JobAbortedError ||
    error instanceof EncodeCancelledError ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

/** A failed job's `error` column: the creator reads it under the item. */
export function failureMessage(kind: 'process' | 'upload', error: unknown): string {
  if (error instanceof UploadRefusedError || error instanceof UnreadableMediaError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return kind === 'process' ? `Processing failed: ${detail}` : `Upload failed: ${detail}`;
}
