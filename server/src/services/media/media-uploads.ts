import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Clock } from '@shared/domain/clock';
import { describeIssues } from '@shared/domain/input-issues';
import { uploadMetadataSchema, type MediaKind } from '@shared/domain/media/media';
import { sniffMedia, SNIFF_BYTES } from '@shared/domain/media/sniff';
import type { Queryable } from '../../db/queryable';
import type { Database } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { JobHandler, ScheduledJobRepository } from '../scheduler';
import type { FeedOutbox } from '../sync/feed-outbox';
import type { MediaRepository, MediaRow } from './media-repository';
import { mediaChange } from './media-snapshot';
import { CHECKSUM_MISMATCH, UploadRefusal } from './upload-refusal';
import { UploadFiles } from './upload-files';

/** The scheduler's job that processes an item once its upload is whole and checked. */
export const PROCESS_JOB = 'media.process';
/** One per upload: an item uploaded again after a failure is processed again. */
export const processJobKey = (mediaId: string, uploadId: string) => `${PROCESS_JOB}:${mediaId}:${uploadId}`;
/** The scheduler's job that drops an upload left unfinished too long. */
export const EXPIRE_JOB = 'media.expire-upload';
/** How long an upload may stay unfinished (a studio offline for days resumes within it). */
export const UPLOAD_EXPIRY_MS = 7 * 24 * 3_600_000;

export interface UploadLimits {
  readonly maxUploadBytes: number;
  readonly quotaBytes: number;
}

/** What an upload's `Upload-Metadata` carries: the contract's fields, and whose media it is when acting for a creator. */
const openUploadSchema = uploadMetadataSchema.extend({
  creatorId: z.uuid('creatorId must be a UUID').optional(),
});

const KIND_WORDS: Readonly<Record<MediaKind, string>> = {
  photo: 'a photo',
  video: 'a video',
  audio: 'audio',
};

/**
 * The upload side of media: a studio opens a tus upload for one item, sends its bytes, and the server checks
 * that they are what was declared (by content, then by SHA-256) before the item is processed. Every step is
 * decided on the item's row (`media`), and every status change reaches the creator's studio (the `media` kind).
 * Refusals are `UploadRefusal`s with an HTTP status and a message for the creator.
 */
export class MediaUploads {
  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly media: MediaRepository;
      readonly files: UploadFiles;
      readonly jobs: ScheduledJobRepository;
      readonly outbox: FeedOutbox;
      readonly actingFor: ActingForPolicy;
      readonly clock: Clock;
      readonly limits: UploadLimits;
    },
  ) {}

  /**
   * Opens the item's row for a new tus upload (`uploading`): the metadata must parse, the size be declared,
   * non-zero and within the limit and the creator's quota, the id new, and the caller allowed to add the
   * creator's content.
   */
  async open(
    actor: AccountView,
    uploadId: string,
    declaredBytes: number | undefined,
    metadata: Readonly<Record<string, string | null>> | undefined,
  ): Promise<MediaRow> {
    const parsed = openUploadSchema.safeParse(metadata ?? {});
    if (!parsed.success) {
      throw new UploadRefusal(400, `Upload-Metadata: ${describeIssues(parsed.error.issues)}`);
    }
    const declared = parsed.data;
    const creatorId = declared.creatorId ?? actor.id;
    const scopes = await this.deps.actingFor.scopesOf(actor, creatorId);
    if (!scopes.has('content')) {
      throw new UploadRefusal(
        403,
        actor.id === creatorId
          ? 'Only creator accounts can upload media'
          : "You cannot add this creator's media",
      );
    }
    if (declaredBytes === undefined) {
      throw new UploadRefusal(
        400,
        'Upload-Length is required: declare the file size when opening the upload',
      );
    }
    if (declaredBytes === 0) throw new UploadRefusal(400, 'The file is empty');
    const { maxUploadBytes, quotaBytes } = this.deps.limits;
    if (declaredBytes > maxUploadBytes) {
      throw new UploadRefusal(
        413,
        `The file is ${describeBytes(declaredBytes)}; an upload may be at most ${describeBytes(maxUploadBytes)}`,
      );
    }
    const opened = await this.deps.db.transaction().execute(async (trx) => {
      const used = await this.deps.media.lockAndSumQuota(trx, creatorId, declared.mediaId);
      if (used + declaredBytes > quotaBytes) {
        throw new UploadRefusal(
          413,
          `This upload (${describeBytes(declaredBytes)}) would take your media past its ${describeBytes(quotaBytes)} quota (${describeBytes(used)} used)`,
        );
      }
      const fields = {
        id: declared.mediaId,
        creator_id: creatorId,
        kind: declared.kind,
        filename: declared.filename,
        sha256: declared.sha256,
        bytes: declaredBytes,
        upload_id: uploadId,
      };
      const existing = await this.deps.media.lock(trx, declared.mediaId);
      // The creator's own item whose last upload failed or was lost (the studio starts afresh after a 404):
      // uploaded again under the same id. Anything else with this id (processed, or someone else's) is taken.
      const reopened =
        existing?.creator_id === creatorId &&
        existing.deleted_at === null &&
        (existing.status === 'failed' || existing.status === 'uploading');
      if (existing && !reopened)
        throw new UploadRefusal(409, `Media ${declared.mediaId} was uploaded already`);
      const row = existing
        ? await this.deps.media.reopen(trx, fields)
        : await this.deps.media.insertUploading(trx, fields);
      if (!row) throw new UploadRefusal(409, `Media ${declared.mediaId} was uploaded already`);
      await this.deps.jobs.schedule(trx, {
        kind: EXPIRE_JOB,
        key: `${EXPIRE_JOB}:${row.id}:${uploadId}`,
        payload: { mediaId: row.id, uploadId },
        runAt: new Date(this.deps.clock.now().getTime() + UPLOAD_EXPIRY_MS),
      });
      await this.deps.outbox.enqueue(trx, creatorId, mediaChange(row));
      return { row, replacedUpload: existing?.upload_id ?? null };
    });
    this.deps.outbox.flushSoon();
    if (opened.replacedUpload) await this.deps.files.remove(opened.replacedUpload);
    return opened.row;
  }

  /**
   * An upload left unfinished for `UPLOAD_EXPIRY_MS` is dropped (its row and bytes), so it stops counting
   * against the quota; the studio, answered 404, starts it again.
   */
  jobHandlers(): Record<string, JobHandler> {
    return {
      [EXPIRE_JOB]: async (job) => {
        const { mediaId, uploadId } = job.payload as { mediaId?: unknown; uploadId?: unknown };
        if (typeof mediaId !== 'string' || typeof uploadId !== 'string') return;
        const row = await this.deps.media.find(this.deps.db, mediaId);
        if (row?.status === 'uploading' && row.upload_id === uploadId) await this.#discard(row);
      },
    };
  }

  /**
   * The item an upload belongs to, if `actor` may add its creator's content; a refusal says "not found" either
   * way, so an upload URL tells a stranger nothing.
   */
  async ownedUpload(actor: AccountView, uploadId: string): Promise<MediaRow> {
    const row = UploadFiles.isUploadId(uploadId)
      ? await this.deps.media.findByUpload(this.deps.db, uploadId)
      : undefined;
    if (!row || row.deleted_at !== null) throw new UploadRefusal(404, 'No such upload');
    const scopes = await this.deps.actingFor.scopesOf(actor, row.creator_id);
    if (!scopes.has('content')) throw new UploadRefusal(404, 'No such upload');
    return row;
  }

  /**
   * Checks the first bytes of an upload against its declared kind (as soon as enough have arrived). A file that
   * is something else is refused with 415, and its bytes and row are removed: nothing of it stays.
   */
  async checkContent(uploadId: string, head: Uint8Array): Promise<void> {
    const row = await this.deps.media.findByUpload(this.deps.db, uploadId);
    if (!row) throw new UploadRefusal(404, 'No such upload');
    const found = sniffMedia(head.subarray(0, SNIFF_BYTES));
    if (found?.kind === row.kind) return;
    await this.#discard(row);
    throw new UploadRefusal(
      415,
      found
        ? `The file is ${found.label} content, not ${KIND_WORDS[row.kind]} as declared`
        : `The file is not ${KIND_WORDS[row.kind]}: its content is not a photo, video or audio format we take`,
    );
  }

  /**
   * The last byte has arrived: the content and the whole file's SHA-256 are checked, then the item is marked
   * `processing` and its processing job scheduled, in one transaction. A mismatch marks the item `failed` and
   * removes the bytes (460). Finishing twice (the client asking again after a lost answer) does nothing more.
   */
  async finish(uploadId: string): Promise<void> {
    const row = await this.deps.media.findByUpload(this.deps.db, uploadId);
    if (!row || row.status !== 'uploading') return;
    await this.checkContent(uploadId, await this.deps.files.head(uploadId, SNIFF_BYTES));
    const sha256 = await this.deps.files.sha256(uploadId);
    if (sha256 !== row.sha256) {
      await this.#fail(row, uploadId, 'The file that arrived does not match its SHA-256: upload it again');
      await this.deps.files.remove(uploadId);
      throw new UploadRefusal(
        CHECKSUM_MISMATCH,
        'The file that arrived does not match the SHA-256 declared for it; nothing was kept: upload it again',
      );
    }
    await this.deps.db.transaction().execute(async (trx) => {
      const locked = await this.deps.media.lock(trx, row.id);
      // Only the upload that was hashed: the studio may have opened the item again meanwhile (a new upload id
      // and SHA-256, still `uploading`), and those bytes are checked by their own finish.
      if (!isStillUpload(locked, row, uploadId)) return;
      const processing = await this.deps.media.update(trx, row.id, { status: 'processing' });
      await this.deps.jobs.schedule(trx, {
        kind: PROCESS_JOB,
        key: processJobKey(row.id, uploadId),
        payload: { mediaId: row.id },
        runAt: this.deps.clock.now(),
      });
      await this.deps.outbox.enqueue(trx, processing.creator_id, mediaChange(processing));
    });
    this.deps.outbox.flushSoon();
  }

  /**
   * The studio ends an upload (tus termination): only one still `uploading` (whole or not, finished or not) is
   * ended, its row going now (tus then removes the bytes). False, and nothing done, when the upload is finished
   * (its bytes are the processing job's) or the item was opened again meanwhile.
   */
  async terminate(row: MediaRow): Promise<boolean> {
    const ended = await this.deps.db.transaction().execute(async (trx) => {
      const locked = await this.deps.media.lock(trx, row.id);
      if (!row.upload_id || !isStillUpload(locked, row, row.upload_id)) return false;
      await this.#deleteRow(trx, row);
      return true;
    });
    if (ended) this.deps.outbox.flushSoon();
    return ended;
  }

  async #discard(row: MediaRow): Promise<void> {
    await this.deps.db.transaction().execute((trx) => this.#deleteRow(trx, row));
    this.deps.outbox.flushSoon();
    if (row.upload_id) await this.deps.files.remove(row.upload_id);
  }

  async #deleteRow(trx: Queryable, row: MediaRow): Promise<void> {
    await this.deps.media.delete(trx, row.id);
    await this.deps.outbox.enqueue(trx, row.creator_id, {
      entity: mediaChange(row).entity,
      op: 'delete',
      id: row.id,
      data: null,
    });
  }

  /** Fails the item if `uploadId` is still its upload (an item opened again meanwhile is left alone). */
  async #fail(row: MediaRow, uploadId: string, failure: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const locked = await this.deps.media.lock(trx, row.id);
      if (!isStillUpload(locked, row, uploadId)) return;
      const failed = await this.deps.media.update(trx, row.id, {
        status: 'failed',
        failure,
        upload_id: null,
      });
      await this.deps.outbox.enqueue(trx, failed.creator_id, mediaChange(failed));
    });
    this.deps.outbox.flushSoon();
  }
}

/** Whether the locked row is still `uploading` the upload `read` was read for, with the same declared SHA-256. */
function isStillUpload(locked: MediaRow | undefined, read: MediaRow, uploadId: string): locked is MediaRow {
  return (
    locked !== undefined &&
    locked.status === 'uploading' &&
    locked.upload_id === uploadId &&
    locked.sha256 === read.sha256
  );
}

/** A size in words: `4 GiB`, `12.5 MiB`, `300 bytes`. */
export function describeBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
