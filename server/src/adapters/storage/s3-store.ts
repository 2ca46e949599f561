import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { assertStoreKey, MediaNotStoredError, type ByteRange, type MediaStore } from './media-store';

export interface S3StoreOptions {
  readonly bucket: string;
  readonly region: string;
  /** An S3-compatible service's address; null: AWS's endpoint for the region. */
  readonly endpoint: string | null;
  /** null: the SDK's default credential chain. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | null;
  readonly forcePathStyle: boolean;
  /** Files larger than this go up in parts of this size (S3 takes at most 5 GiB in one PUT). */
  readonly partBytes?: number;
}

const DEFAULT_PART_BYTES = 64 * 1024 * 1024;
/** S3's smallest part but the last. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
/** DeleteObjects takes at most this many keys. */
const DELETE_BATCH = 1000;

/**
 * Media in an S3-compatible bucket, through the official AWS SDK: PutObject (multipart above `partBytes`),
 * GetObject with a Range, HeadObject, ListObjectsV2 + DeleteObjects. The scale-out option: every instance reads
 * the same bucket.
 *
 * NOT VERIFIED AGAINST REAL S3: no S3 service can be reached where this was written. The tests check the
 * requests it makes (paths, ranges, multipart, batch deletes) against a local HTTP stand-in; try it against the
 * real service (or MinIO) before relying on it.
 */
export class S3Store implements MediaStore {
  readonly description: string;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #partBytes: number;

  constructor(options: S3StoreOptions) {
    this.#bucket = options.bucket;
    this.#partBytes = Math.max(MIN_PART_BYTES, options.partBytes ?? DEFAULT_PART_BYTES);
    this.#client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      forcePathStyle: options.forcePathStyle,
      // The SDK's default since 2025 streams bodies as aws-chunked with a trailing CRC, which several
      // S3-compatible services refuse; plain bodies with a length work everywhere.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    this.description = `the S3 bucket ${options.bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}`;
  }

  async put(key: string, file: string, contentType: string): Promise<{ bytes: number }> {
    assertStoreKey(key);
    const bytes = (await stat(file)).size;
    if (bytes <= this.#partBytes) {
      await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: createReadStream(file),
          ContentLength: bytes,
          ContentType: contentType,
        }),
      );
      return { bytes };
    }
    await this.#putInParts(key, file, bytes, contentType);
    return { bytes };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStoreKey(key);
    try {
      const answer = await this.#client.send(
        new GetObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!(answer.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
      return answer.Body;
    } catch (error) {
      if (isMissing(error)) throw new MediaNotStoredError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    assertStoreKey(key);
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return { bytes: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertStoreKey(prefix, 'prefix');
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: prefix,
          MaxKeys: DELETE_BATCH,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        const answer = await this.#client.send(
          new DeleteObjectsCommand({ Bucket: this.#bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        const failed = answer.Errors ?? [];
        if (failed.length > 0) {
          throw new Error(`S3 did not delete ${failed.length} of ${keys.length} objects under ${prefix}`);
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** A multipart upload, part after part from the file; aborted (its parts dropped) if any part fails. */
  async #putInParts(key: string, file: string, bytes: number, contentType: string): Promise<void> {
    const created = await this.#client.send(
      new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key: key, ContentType: contentType }),
    );
    const uploadId = created.UploadId;
    if (!uploadId) throw new Error('S3 opened a multipart upload without an id');
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      for (let start = 0, number = 1; start < bytes; start += this.#partBytes, number += 1) {
        const end = Math.min(bytes, start + this.#partBytes) - 1;
        const part = await this.#client.send(
          new UploadPartCommand({
            Bucket: this.#bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: number,
            Body: createReadStream(file, { start, end }),
            ContentLength: end - start + 1,
          }),
        );
        if (!part.ETag) throw new Error(`S3 took part ${number} without an ETag`);
        parts.push({ ETag: part.ETag, PartNumber: number });
      }
      await this.#client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.#bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    } catch (error) {
      await this.#client
        .send(new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: key, UploadId: uploadId }))
        .catch(() => undefined);
      throw error;
    }
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
  );
}
