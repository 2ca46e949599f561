import { createEncoder, type Encoders } from '../../../../encoder/index';
import type { BackoffPolicy } from '../../sync/backoff';
import type { VaultJobs, VaultJobsContext, VaultJobsFactory, VaultServer } from '../vault-jobs-seam';
import { JobQueue } from './job-queue';
import type { JobKind, VaultJob } from './job-table';
import { processJob } from './process-job';
import { RenditionTable } from './rendition-table';
import { uploadJob } from './upload-job';
import { UploadTable } from './upload-table';

/** Tuning that tests shorten; the defaults are the studio's. */
export interface VaultJobsSettings {
  readonly encoders?: () => Encoders;
  readonly concurrency?: Partial<Record<JobKind, number>>;
  readonly waitBackoff?: BackoffPolicy;
  readonly progressIntervalMs?: number;
  readonly chunkSize?: number;
  readonly retryDelays?: readonly number[];
}

/** The vault's background work over one account: processing then uploading every imported item. */
export class VaultJobQueue implements VaultJobs {
  readonly queue: JobQueue;
  private readonly renditions: RenditionTable;
  private server: VaultServer | null = null;

  constructor(
    private readonly context: VaultJobsContext,
    settings: VaultJobsSettings = {},
  ) {
    const { db, folders, items } = context;
    this.renditions = new RenditionTable(db);
    const uploads = new UploadTable(db);
    let encoders: Encoders | null = null;
    this.queue = new JobQueue({
      db,
      concurrency: settings.concurrency,
      waitBackoff: settings.waitBackoff,
      progressIntervalMs: settings.progressIntervalMs,
      runners: {
        process: processJob({
          db,
          items,
          folders,
          renditions: this.renditions,
          uploads,
          encoders: () => (encoders ??= settings.encoders?.() ?? createEncoder()),
          watermarkText: context.account.handle ? `@${context.account.handle}` : null,
          processed: (itemId) => this.afterProcessing(itemId),
        }),
        upload: uploadJob({
          items,
          folders,
          renditions: this.renditions,
          uploads,
          server: () => this.server,
          processing: (itemId) =>
            this.queue.list(itemId).some((job) => isOpen(job) && job.kind === 'process'),
          chunkSize: settings.chunkSize,
          retryDelays: settings.retryDelays,
        }),
      },
    });
    this.queue.on('changed', (ids) => context.changed(ids));
  }

  start(): void {
    this.queue.start();
  }

  /** What the item needs next: processing if it has no web rendition, else its upload if not sent yet. */
  enqueue(itemId: string): void {
    const item = this.context.items.get(itemId);
    if (!item || item.deleted_at !== null) return;
    if (!this.renditions.get(itemId, 'web')) this.queue.enqueue(itemId, 'process');
    else if (item.server_status === null || item.server_status === 'uploading')
      this.queue.enqueue(itemId, 'upload');
  }

  /** A deleted item's open jobs stop (bringing it back queues what it still needs). */
  itemDeleted(itemId: string): void {
    for (const job of this.queue.list(itemId)) {
      if (isOpen(job)) void this.queue.cancel(job.id).catch(() => undefined);
    }
  }

  connect(server: VaultServer): void {
    this.server = server;
    this.queue.wake('upload');
  }

  disconnect(): void {
    this.server = null;
  }

  list(itemId?: string): VaultJob[] {
    return this.queue.list(itemId);
  }

  cancel(jobId: string): Promise<VaultJob> {
    return this.queue.cancel(jobId);
  }

  retry(jobId: string): VaultJob {
    return this.queue.retry(jobId);
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  private afterProcessing(itemId: string): void {
    const item = this.context.items.get(itemId);
    // An item the server already has is not sent again (the server's media id is the item's id).
    if (item && (item.server_status === null || item.server_status === 'uploading')) {
      this.queue.enqueue(itemId, 'upload');
    }
  }
}

/** The factory `openVault` takes (`jobs`), with the studio's defaults or a test's settings. */
export function vaultJobs(settings: VaultJobsSettings = {}): VaultJobsFactory {
  return (context) => new VaultJobQueue(context, settings);
}

function isOpen(job: VaultJob): boolean {
  return job.state === 'queued' || job.state === 'running';
}
