import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import type { MediaEncoder, PhotoProcessor } from '../../../../src/encoder/index';
import type { MediaStore } from '../../adapters/storage/media-store';
import type { Database } from '../../db/schema';
import type { FeatureRoutes } from '../../http/feature-routes';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountService } from '../accounts/account-service';
import type { ScheduledJobRepository } from '../scheduler';
import type { FeedOutbox } from '../sync/feed-outbox';
import { CheckedFileStore } from './checked-file-store';
import { mediaDeliveryRoutes } from './media-delivery-routes';
import { MediaLibrary } from './media-library';
import { MediaProcessing } from './media-processing';
import { MediaRepository } from './media-repository';
import { MediaUploads, PROCESS_JOB, type UploadLimits } from './media-uploads';
import { MediaUrls } from './media-urls';
import { UploadFiles } from './upload-files';
import { uploadRoutes } from './upload-routes';

/** What the media feature is given by the server (app.ts builds it from the configuration). */
export interface MediaOptions {
  readonly dataDir: string;
  readonly limits: UploadLimits;
  readonly processingConcurrency: number;
  /** The key of signed URLs (see `mediaUrlSecret`). */
  readonly urlSecret: Buffer;
  readonly store: MediaStore;
  readonly encoder: MediaEncoder;
  readonly photos: PhotoProcessor;
}

/**
 * The media feature, built once: uploads (tus at `/uploads`), processing (the `media.process` job), delivery
 * (`/media/:id/:file`), and what other features read (`repository`, `urls`).
 */
export function composeMedia(deps: {
  readonly db: Kysely<Database>;
  readonly accounts: AccountService;
  readonly actingFor: ActingForPolicy;
  readonly outbox: FeedOutbox;
  readonly jobs: ScheduledJobRepository;
  readonly clock: Clock;
  readonly options: MediaOptions;
}) {
  const { db, outbox, clock, options } = deps;
  const repository = new MediaRepository(db);
  const urls = new MediaUrls(options.urlSecret, clock);
  const files = new UploadFiles(path.join(options.dataDir, 'uploads'));
  const uploads = new MediaUploads({
    db,
    media: repository,
    files,
    jobs: deps.jobs,
    outbox,
    actingFor: deps.actingFor,
    clock,
    limits: options.limits,
  });
  const uploadStore = new CheckedFileStore(files, (uploadId, head) => uploads.checkContent(uploadId, head));
  const processing = new MediaProcessing({
    db,
    media: repository,
    files,
    store: options.store,
    outbox,
    encoder: options.encoder,
    photos: options.photos,
    workDir: path.join(options.dataDir, 'media-work'),
    concurrency: options.processingConcurrency,
    clock,
  });
  const routes: readonly FeatureRoutes[] = [
    uploadRoutes({ uploads, accounts: deps.accounts, store: uploadStore }),
    mediaDeliveryRoutes({ media: repository, store: options.store, urls, clock }),
  ];
  return {
    repository,
    urls,
    library: new MediaLibrary(repository, deps.actingFor),
    processing,
    jobHandlers: () => ({ ...processing.jobHandlers(), ...uploads.jobHandlers() }),
    /** Job kinds that run long (transcodes): the scheduler runs them in a lane of their own. */
    laneKinds: [PROCESS_JOB] as const,
    routes,
  };
}

export type MediaFeature = ReturnType<typeof composeMedia>;
