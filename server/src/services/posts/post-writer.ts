import type { Clock } from '@shared/domain/clock';
import type { PostMedia, PostSnapshot } from '@shared/domain/posts/post';
import { POST_KIND } from '@shared/domain/posts/post-sync';
import type { Queryable } from '../../db/queryable';
import type { PostRow } from '../../db/schema';
import type { ScheduledJobRepository } from '../scheduler';
import type { ChangeFeed } from '../sync/change-feed';
import type { PostMediaRepository } from './post-media-repository';
import type { PostColumns, PostRepository } from './post-repository';
import { jobsAfterWrite } from './post-schedule';
import { toPostSnapshot } from './post-snapshot';

/** The post after a change, and the seq of the change it appended (null: nothing changed). */
export interface PostOutcome {
  readonly post: PostSnapshot;
  readonly seq: number | null;
}

export interface PostWriterDeps {
  readonly posts: PostRepository;
  readonly postMedia: PostMediaRepository;
  readonly jobs: ScheduledJobRepository;
  readonly feed: ChangeFeed;
  readonly clock: Clock;
}

/**
 * The one way a post's stored state changes, for the creator's edits and the scheduler's jobs alike: the row,
 * its media set, the jobs its new state needs and the creator's change feed, all in the caller's transaction.
 */
export class PostWriter {
  constructor(private readonly deps: PostWriterDeps) {}

  /** A stored post as its snapshot, media read in `q`. */
  async snapshot(q: Queryable, row: PostRow): Promise<PostSnapshot> {
    return toPostSnapshot(row, await this.deps.postMedia.ofPost(q, row.id));
  }

  /** The post as it is, nothing written (a change that changes nothing). */
  async unchanged(q: Queryable, row: PostRow): Promise<PostOutcome> {
    return { post: await this.snapshot(q, row), seq: null };
  }

  /** Inserts a new post with its media and appends it to its creator's feed. */
  async insert(
    trx: Queryable,
    values: PostRow & { access_rule: string },
    media: readonly PostMedia[],
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const row = await this.deps.posts.insert(trx, values);
    await this.deps.postMedia.replace(trx, row.id, media);
    return this.#feed(trx, null, row, media, mutationId);
  }

  /**
   * Writes `set` and the next version; `media`, when given, becomes the post's whole media set (null keeps
   * it). Schedules what the new state needs and appends the post to its creator's feed.
   */
  async update(
    trx: Queryable,
    row: PostRow,
    set: PostColumns,
    media: readonly PostMedia[] | null,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const updated = await this.deps.posts.update(trx, row, set);
    if (media) await this.deps.postMedia.replace(trx, row.id, media);
    return this.#feed(
      trx,
      row,
      updated,
      media ?? (await this.deps.postMedia.ofPost(trx, row.id)),
      mutationId,
    );
  }

  async #feed(
    trx: Queryable,
    before: PostRow | null,
    after: PostRow,
    media: readonly PostMedia[],
    mutationId: string | null,
  ): Promise<PostOutcome> {
    await this.deps.jobs.scheduleMany(trx, jobsAfterWrite(before, after, this.deps.clock.now()));
    const post = toPostSnapshot(after, media);
    const deleted = after.deleted_at !== null;
    const seq = await this.deps.feed.append(
      trx,
      after.creator_id,
      {
        entity: POST_KIND.entity,
        op: deleted ? 'delete' : 'upsert',
        id: post.id,
        data: deleted ? null : post,
      },
      mutationId,
    );
    return { post, seq };
  }
}
