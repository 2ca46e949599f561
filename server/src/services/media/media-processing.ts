import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import {
  contentTypeOf,
  MEDIA_MAX_DURATION_MS,
  PREVIEW_AUDIO_SECONDS,
  PREVIEW_MAX_HEIGHT,
  PREVIEW_VIDEO_SECONDS,
  RENDITION_FILES,
  THUMB_MAX_SIDE,
  WEB_VIDEO_MAX_HEIGHT,
  type Rendition,
} from '@shared/domain/media/media';
import {
  UnreadableMediaError,
  type MediaEncoder,
  type MediaProbe,
  type PhotoProcessor,
} from '../../../../src/encoder/index';
import { mediaKey, mediaPrefix, type MediaStore } from '../../adapters/storage/media-store';
import type { Database } from '../../db/schema';
import type { ClaimedJob, JobContext, JobHandler } from '../scheduler';
import type { FeedOutbox } from '../sync/feed-outbox';
import type { MediaRepository, MediaRow, StoredRendition } from './media-repository';
import { mediaChange } from './media-snapshot';
import { PROCESS_JOB } from './media-uploads';
import type { UploadFiles } from './upload-files';

/** What processing made of an upload: local files per rendition, and what the item is. */
interface Processed {
  readonly files: Partial<Record<Rendition, string>>;
  readonly width: number | null;
  readonly height: number | null;
  readonly durationMs: number | null;
}

const GAVE_UP =
  'Processing failed several times; upload the file again, or contact support if it keeps failing';

/**
 * Turns a checked upload into what is served: every file is re-encoded (or, for web-ready video, copied
 * stream by stream into a new file) with its metadata stripped, so nothing of the upload is served as it came.
 * Runs as the scheduler's `media.process` job (scheduled with the upload's finish, so it survives restarts
 * and runs once), at most `concurrency` at a time in this server. A file ffmpeg or sharp cannot read fails
 * at once with their words; any other error is retried by the scheduler, and the last attempt's failure
 * fails the item. Only a fully stored item becomes `ready`.
 */
export class MediaProcessing {
  readonly #running = new Map<string, Promise<void>>();
  readonly #slots: Slots;

  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly media: MediaRepository;
      readonly files: UploadFiles;
      readonly store: MediaStore;
      readonly outbox: FeedOutbox;
      readonly encoder: MediaEncoder;
      readonly photos: PhotoProcessor;
      /** Where renditions are made before they are stored (`DATA_DIR/media-work`). */
      readonly workDir: string;
      readonly concurrency: number;
      readonly clock: Clock;
    },
  ) {
    this.#slots = new Slots(deps.concurrency);
  }

  jobHandlers(): Record<string, JobHandler> {
    return { [PROCESS_JOB]: (job, ctx) => this.#onJob(job, ctx) };
  }

  /**
   * Processes one item if it is still `processing`. A second claim of the same item in this server (its lease
   * ran out while it was still being processed) waits for the first instead of processing it twice.
   */
  async process(mediaId: string, ctx: Pick<JobContext, 'isLastAttempt'>): Promise<void> {
    const running = this.#running.get(mediaId);
    if (running) return running;
    const run = this.#slots.run(() => this.#process(mediaId, ctx));
    this.#running.set(mediaId, run);
    try {
      await run;
    } finally {
      this.#running.delete(mediaId);
    }
  }

  async #onJob(job: ClaimedJob, ctx: JobContext): Promise<void> {
    const { mediaId } = job.payload as { mediaId?: unknown };
    if (typeof mediaId !== 'string') throw new Error('media.process job without a media id');
    await this.process(mediaId, ctx);
  }

  async #process(mediaId: string, ctx: Pick<JobContext, 'isLastAttempt'>): Promise<void> {
    const row = await this.deps.media.find(this.deps.db, mediaId);
    if (!row || row.status !== 'processing' || row.deleted_at !== null) return;
    if (!row.upload_id) {
      await this.#fail(row, 'The uploaded file is gone; upload it again');
      return;
    }
    await mkdir(this.deps.workDir, { recursive: true });
    const work = await mkdtemp(path.join(this.deps.workDir, `${row.id}-`));
    try {
      const input = this.deps.files.pathOf(row.upload_id);
      const processed = await this.#renditionsOf(row, input, work);
      const renditions = await this.#store(row, processed);
      const ready = await this.deps.db.transaction().execute(async (trx) => {
        const locked = await this.deps.media.lock(trx, row.id);
        if (!locked || locked.status !== 'processing' || locked.deleted_at !== null) return null;
        const updated = await this.deps.media.update(trx, row.id, {
          status: 'ready',
          ready_at: this.deps.clock.now(),
          renditions: JSON.stringify(renditions),
          width: processed.width,
          height: processed.height,
          duration_ms: processed.durationMs,
          upload_id: null,
        });
        await this.deps.outbox.enqueue(trx, updated.creator_id, mediaChange(updated));
        return updated;
      });
      this.deps.outbox.flushSoon();
      // Deleted meanwhile: what was just stored goes too.
      if (!ready) await this.deps.store.deletePrefix(mediaPrefix(row.creator_id, row.id));
      await this.deps.files.remove(row.upload_id);
    } catch (error) {
      if (error instanceof UnreadableMediaError) {
        await this.#fail(row, error.message);
        return;
      }
      if (ctx.isLastAttempt) await this.#fail(row, GAVE_UP);
      throw error;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  async #renditionsOf(row: MediaRow, input: string, work: string): Promise<Processed> {
    const files = RENDITION_FILES[row.kind];
    const at = (rendition: Rendition) => path.join(work, files[rendition]!);
    const { encoder, photos } = this.deps;
    switch (row.kind) {
      case 'photo': {
        await photos.probe(input);
        const size = await photos.renditions(input, {
          webp: at('full'),
          jpeg: at('poster'),
          thumb: path.join(work, 'sharp-thumb.webp'),
          preview: at('preview'),
        });
        // The thumb is public whatever the post's access: the blurred preview serves as it, never a sharp one.
        await copyFile(at('preview'), at('thumb'));
        return { files: allOf(at), width: size.width, height: size.height, durationMs: null };
      }
      case 'video': {
        const probe = await encoder.probe(input);
        if (probe.kind !== 'video' || probe.width === null || probe.height === null) {
          throw new UnreadableMediaError(
            'The file has no video in it; upload it as audio, or check the file',
          );
        }
        refuseTooLong(probe, 'video');
        const full = isWebReady(probe)
          ? await encoder.remuxStripped(input, at('full'))
          : await encoder.videoRendition(input, at('full'));
        await encoder.frame(at('full'), at('poster'));
        await encoder.frame(at('full'), at('thumb'), { maxSide: THUMB_MAX_SIDE, blur: true });
        await encoder.videoPreview(at('full'), at('preview'), {
          seconds: PREVIEW_VIDEO_SECONDS,
          maxHeight: PREVIEW_MAX_HEIGHT,
          blur: true,
        });
        return { files: allOf(at), width: full.width, height: full.height, durationMs: full.durationMs };
      }
      case 'audio': {
        const probe = await encoder.probe(input);
        if (probe.audioCodec === null) {
          throw new UnreadableMediaError('The file has no sound in it; check the file');
        }
        refuseTooLong(probe, 'recording');
        const full = await encoder.audioRendition(input, at('full'));
        await encoder.audioPreview(at('full'), at('preview'), { seconds: PREVIEW_AUDIO_SECONDS });
        return {
          files: { full: at('full'), preview: at('preview') },
          width: null,
          height: null,
          durationMs: full.durationMs,
        };
      }
    }
  }

  async #store(row: MediaRow, processed: Processed): Promise<Record<string, StoredRendition>> {
    const stored: Record<string, StoredRendition> = {};
    for (const [rendition, local] of Object.entries(processed.files)) {
      const file = path.basename(local);
      const key = mediaKey(row.creator_id, row.id, file);
      const contentType = contentTypeOf(file);
      const { bytes } = await this.deps.store.put(key, local, contentType);
      stored[rendition] = { key, bytes, contentType };
    }
    return stored;
  }

  /** The item will not be served: `failed` with why, its upload and anything stored removed. */
  async #fail(row: MediaRow, failure: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const locked = await this.deps.media.lock(trx, row.id);
      if (!locked || locked.status !== 'processing') return;
      const failed = await this.deps.media.update(trx, row.id, {
        status: 'failed',
        failure,
        upload_id: null,
        renditions: '{}',
      });
      await this.deps.outbox.enqueue(trx, failed.creator_id, mediaChange(failed));
    });
    this.deps.outbox.flushSoon();
    await this.deps.store.deletePrefix(mediaPrefix(row.creator_id, row.id));
    if (row.upload_id) await this.deps.files.remove(row.upload_id);
  }
}

/**
 * Refuses a file that says it lasts longer than `MEDIA_MAX_DURATION_MS`, before anything is encoded: what its
 * container claims is what ffmpeg would fill (a few frames hours apart encode as hours of repeated frames).
 */
function refuseTooLong(probe: MediaProbe, what: 'video' | 'recording'): void {
  if (probe.durationMs === null || probe.durationMs <= MEDIA_MAX_DURATION_MS) return;
  throw new UnreadableMediaError(
    `The ${what} is ${describeDuration(probe.durationMs)} long; media may be at most ${describeDuration(MEDIA_MAX_DURATION_MS)}: trim it or split it into parts, then upload it again`,
  );
}

/** `4 h`, `10 h 2 min`. */
function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function allOf(at: (rendition: Rendition) => string): Record<Rendition, string> {
  return { full: at('full'), poster: at('poster'), thumb: at('thumb'), preview: at('preview') };
}

/** H.264 (and AAC, if it has sound) in MP4 at most 1080p: copied into a clean file instead of re-encoded. */
function isWebReady(probe: MediaProbe): boolean {
  return (
    probe.container.split(',').includes('mp4') &&
    probe.videoCodec === 'h264' &&
    (probe.audioCodec === null || probe.audioCodec === 'aac') &&
    (probe.height ?? Infinity) <= WEB_VIDEO_MAX_HEIGHT
  );
}

/** At most `size` tasks at once; the others wait their turn in order. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = Math.max(1, Math.floor(size));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}
