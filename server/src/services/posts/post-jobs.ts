import type { Kysely } from 'kysely';
import { allMediaReady } from '@shared/domain/posts/post-media-readiness';
import type { Database } from '../../db/schema';
import type { ClaimedJob, JobContext, JobHandler, ScheduledJobRepository } from '../scheduler';
import type { ChangeFeed } from '../sync/change-feed';
import type { PostMediaCheck } from './post-media-check';
import type { PostMediaRepository } from './post-media-repository';
import type { PostRepository } from './post-repository';
import {
  EXPIRE_JOB,
  expirePayloadSchema,
  instantText,
  mediaWaitJob,
  PUBLISH_JOB,
  publishPayloadSchema,
} from './post-schedule';
import type { PostOutcome, PostWriter } from './post-writer';

export interface PostJobsDeps {
  readonly db: Kysely<Database>;
  readonly posts: PostRepository;
  readonly postMedia: PostMediaRepository;
  readonly mediaCheck: PostMediaCheck;
  readonly writer: PostWriter;
  readonly jobs: ScheduledJobRepository;
  readonly feed: ChangeFeed;
}

/**
 * The scheduler's handlers for posts. Each locks the post and checks that it still waits for exactly what the
 * job was scheduled for before writing anything, so a job that runs twice (a lease that ran out, two instances,
 * a crash after the work and before the job was marked done), or whose post was moved, unpublished or deleted
 * since, changes nothing.
 */
export class PostJobs {
  constructor(private readonly deps: PostJobsDeps) {}

  jobHandlers(): Record<string, JobHandler> {
    return {
      [PUBLISH_JOB]: (job, ctx) => this.#announced(this.#publishDue(job, ctx)),
      [EXPIRE_JOB]: (job, ctx) => this.#announced(this.#expireDue(job, ctx)),
    };
  }

  /**
   * Puts a scheduled post out once every media item in it is the creator's and ready. Until then the post
   * stays `scheduled` (the studio shows each item's upload or processing, or why it failed) and is checked
   * again later; after `MEDIA_WAIT_GIVE_UP_MS` it goes back to being a draft. A post whose expiry passed
   * while it waited goes straight to `expired`.
   */
  #publishDue(job: ClaimedJob, { now }: JobContext): Promise<PostOutcome | null> {
    const payload = publishPayloadSchema.parse(job.payload);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.deps.posts.lock(trx, payload.postId);
      if (
        !row ||
        row.deleted_at !== null ||
        row.status !== 'scheduled' ||
        instantText(row.publish_at) !== payload.publishAt
      ) {
        return null; // published, moved, unpublished or deleted since: another job, or nobody, publishes it
      }
      if (row.expires_at !== null && row.expires_at <= now) {
        return this.deps.writer.update(trx, row, { status: 'expired', updated_at: now }, null, null);
      }
      const media = await this.deps.postMedia.ofPost(trx, row.id);
      if (!allMediaReady(await this.deps.mediaCheck.readiness(trx, row.creator_id, media))) {
        const next = mediaWaitJob(payload, now);
        if (next) {
          await this.deps.jobs.schedule(trx, next);
          return null;
        }
        return this.deps.writer.update(trx, row, { status: 'draft', updated_at: now }, null, null);
      }
      return this.deps.writer.update(
        trx,
        row,
        { status: 'published', published_at: row.published_at ?? now, updated_at: now },
        null,
        null,
      );
    });
  }

  /** Hides a published post from fans at its expiry; the creator still has it, as `expired`. */
  #expireDue(job: ClaimedJob, { now }: JobContext): Promise<PostOutcome | null> {
    const payload = expirePayloadSchema.parse(job.payload);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.deps.posts.lock(trx, payload.postId);
      if (
        !row ||
        row.deleted_at !== null ||
        row.status !== 'published' ||
        instantText(row.expires_at) !== payload.expiresAt
      ) {
        return null; // unpublished, expired already, given another expiry or deleted since
      }
      return this.deps.writer.update(trx, row, { status: 'expired', updated_at: now }, null, null);
    });
  }

  /** Tells the creator's studio after the job's transaction committed. */
  async #announced(run: Promise<PostOutcome | null>): Promise<void> {
    const outcome = await run;
    if (outcome?.seq != null) this.deps.feed.announce(outcome.post.creatorId, outcome.seq);
  }
}
