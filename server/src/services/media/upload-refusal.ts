/**
 * An upload refused with an HTTP status and a message the creator can act on. tus answers a hook's thrown
 * `{ status_code, body }` with that status and body, and tus-js-client puts the body in its error.
 */
export class UploadRefusal extends Error {
  override readonly name = 'UploadRefusal';
  readonly body: string;

  constructor(
    readonly status_code: number,
    message: string,
  ) {
    super(message);
    this.body = `${message}\n`;
  }
}

/** tus's own code for a checksum that does not match (checksum extension). */
export const CHECKSUM_MISMATCH = 460;
