import { InvalidStateError } from '@shared/domain/errors';
import type { VaultJobs } from './vault-jobs-seam';

/**
 * Cancel and Retry as an item's tile offers them (the tile shows the item's latest job, not a job id): cancel
 * stops whatever the item has queued or running; retry queues its latest job again if it failed or was
 * cancelled. Anything else is refused saying why.
 */
export class VaultJobActions {
  constructor(private readonly jobs: VaultJobs) {}

  async cancel(itemId: string): Promise<void> {
    const open = this.jobs.list(itemId).filter((job) => job.state === 'queued' || job.state === 'running');
    if (open.length === 0)
      throw new InvalidStateError('Nothing is being processed or uploaded for this item');
    for (const job of open) await this.jobs.cancel(job.id);
  }

  retry(itemId: string): void {
    const [latest] = this.jobs.list(itemId);
    if (!latest || (latest.state !== 'failed' && latest.state !== 'cancelled')) {
      throw new InvalidStateError('This item has no failed or cancelled job to try again');
    }
    this.jobs.retry(latest.id);
  }
}
