import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '@shared/domain/clock';
import {
  ConflictError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  ValidationError,
} from '@shared/domain/errors';
import {
  assertPriceFitsRule,
  mediaOf,
  priceOf,
  publishOutcome,
  type PostDraft,
  type PostSnapshot,
} from '@shared/domain/posts/post';
import { mediaNotReadyMessage } from '@shared/domain/posts/post-media-readiness';
import type { PostChange } from '@shared/domain/posts/post-sync';
import type { Database, PostRow } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { ChangeFeed } from '../sync/change-feed';
import { PostVersionConflictError } from './post-errors';
import type { PostMediaCheck } from './post-media-check';
import type { PostMediaRepository } from './post-media-repository';
import type { PostRepository } from './post-repository';
import { instantText } from './post-schedule';
import { toPostSnapshot } from './post-snapshot';
import type { PostOutcome, PostWriter } from './post-writer';

export type { PostOutcome } from './post-writer';

export interface PostServiceDeps {
  readonly db: Kysely<Database>;
  readonly posts: PostRepository;
  readonly postMedia: PostMediaRepository;
  readonly mediaCheck: PostMediaCheck;
  readonly writer: PostWriter;
  readonly actingFor: ActingForPolicy;
  readonly feed: ChangeFeed;
  readonly clock: Clock;
}

const NOT_FOUND = 'Post not found';

/**
 * Every write to posts goes through here, from `posts.*` or from a synced studio mutation, so each accepted
 * change bumps the version and feeds the creator's change feed. The scheduler's writes (a scheduled post going
 * out, an expiry) go through the same `PostWriter` from `PostJobs`.
 */
export class PostService {
  constructor(private readonly deps: PostServiceDeps) {}

  /** Runs one change to a creator's post, acted by `actor`, in its own transaction; announces it after commit. */
  async execute(
    actor: AccountView,
    creatorId: string,
    postId: string,
    change: PostChange,
  ): Promise<PostOutcome> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'content');
    const outcome = await this.deps.db
      .transaction()
      .execute((trx) => this.executeIn(trx, creatorId, postId, change, null));
    if (outcome.seq !== null) this.deps.feed.announce(creatorId, outcome.seq);
    return outcome;
  }

  /**
   * Runs one change inside the caller's transaction, for an actor already authorized for `creatorId` (the
   * caller announces after commit). Every check happens before the first write, so a refused change writes
   * nothing.
   */
  async executeIn(
    trx: Transaction<Database>,
    creatorId: string,
    postId: string,
    change: PostChange,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const { posts, writer } = this.deps;
    const row = await posts.lock(trx, postId);
    if (change.type === 'create') return this.#create(trx, creatorId, postId, row, change.draft, mutationId);
    if (!row) throw new NotFoundError(NOT_FOUND);
    if (row.creator_id !== creatorId) throw new PermissionDeniedError('This post belongs to another creator');
    if (row.deleted_at !== null) {
      if (change.type === 'delete') return writer.unchanged(trx, row);
      throw new NotFoundError(NOT_FOUND);
    }
    const now = this.deps.clock.now();
    switch (change.type) {
      case 'update':
        assertPriceFitsRule(postId, change.draft);
        if (row.version !== change.baseVersion) {
          throw new PostVersionConflictError(await writer.snapshot(trx, row));
        }
        if (row.status === 'scheduled') assertStillPublishable(change.draft, now);
        await this.deps.mediaCheck.assertDraftMedia(trx, creatorId, mediaOf(change.draft));
        return writer.update(
          trx,
          row,
          { ...draftColumns(change.draft), updated_at: now },
          mediaOf(change.draft),
          mutationId,
        );
      case 'publish':
        return this.#publish(trx, row, now, mutationId);
      case 'unpublish':
        if (row.status === 'draft') return writer.unchanged(trx, row);
        return writer.update(trx, row, { status: 'draft', updated_at: now }, null, mutationId);
      case 'delete':
        return writer.update(trx, row, { deleted_at: now, updated_at: now }, null, mutationId);
    }
  }

  /** The creator's posts that are not deleted, newest first, with their media. */
  async listFor(actor: AccountView, creatorId: string): Promise<PostSnapshot[]> {
    await this.deps.actingFor.assertMayActFor(actor, creatorId, 'content');
    const rows = await this.deps.posts.listByCreator(creatorId);
    const media = await this.deps.postMedia.ofPosts(
      this.deps.db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toPostSnapshot(row, media.get(row.id) ?? []));
  }

  /**
   * Out at once, or `scheduled` for the scheduler when its time is still to come. Going out at once needs every
   * media item ready; a scheduled post waits for them (see `PostJobs`). Publishing a scheduled post whose
   * time has come (it waits for its media) tries to put it out now.
   */
  async #publish(
    trx: Transaction<Database>,
    row: PostRow,
    now: Date,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const { writer } = this.deps;
    if (row.status === 'published') return writer.unchanged(trx, row);
    const outcome = publishOutcome(timesOf(row), now);
    if (typeof outcome === 'object') throw new InvalidStateError(outcome.refused);
    if (outcome === 'scheduled') {
      if (row.status === 'scheduled') return writer.unchanged(trx, row);
      return writer.update(trx, row, { status: 'scheduled', updated_at: now }, null, mutationId);
    }
    const media = await this.deps.postMedia.ofPost(trx, row.id);
    const notReady = mediaNotReadyMessage(await this.deps.mediaCheck.readiness(trx, row.creator_id, media));
    if (notReady) throw new InvalidStateError(notReady);
    return writer.update(
      trx,
      row,
      { status: 'published', published_at: row.published_at ?? now, updated_at: now },
      null,
      mutationId,
    );
  }

  async #create(
    trx: Transaction<Database>,
    creatorId: string,
    postId: string,
    existing: PostRow | undefined,
    draft: PostDraft,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const now = this.deps.clock.now();
    assertPriceFitsRule(postId, draft);
    if (existing && !(existing.creator_id === creatorId && existing.deleted_at !== null)) {
      throw new ConflictError('A post with this id already exists');
    }
    await this.deps.mediaCheck.assertDraftMedia(trx, creatorId, mediaOf(draft));
    if (existing) {
      // The creator's own post, deleted elsewhere: creating it again brings it back as a draft with this
      // text (a studio that kept its copy through a conflict with the delete sends exactly that).
      return this.deps.writer.update(
        trx,
        existing,
        { ...draftColumns(draft), status: 'draft', published_at: null, deleted_at: null, updated_at: now },
        mediaOf(draft),
        mutationId,
      );
    }
    return this.deps.writer.insert(
      trx,
      {
        id: postId,
        creator_id: creatorId,
        ...draftColumns(draft),
        status: 'draft',
        version: 1,
        published_at: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      },
      mediaOf(draft),
      mutationId,
    );
  }
}

/** A scheduled post keeps a time it can still go out at: its expiry cannot be moved before now. */
function assertStillPublishable(draft: PostDraft, now: Date): void {
  const outcome = publishOutcome(draft, now);
  if (typeof outcome === 'object') throw new ValidationError(outcome.refused, 'expiresAt');
}

/** A stored post's schedule as the shared rules read it. */
function timesOf(row: PostRow): Pick<PostDraft, 'publishAt' | 'expiresAt'> {
  return { publishAt: instantText(row.publish_at), expiresAt: instantText(row.expires_at) };
}

function draftColumns(draft: PostDraft) {
  return {
    title: draft.title,
    body: draft.body,
    access_rule: JSON.stringify(draft.accessRule),
    price_currency: priceOf(draft)?.currency ?? null,
    price_minor: priceOf(draft)?.minor ?? null,
    publish_at: draft.publishAt ? new Date(draft.publishAt) : null,
    expires_at: draft.expiresAt ? new Date(draft.expiresAt) : null,
    time_zone: draft.timeZone ?? null,
  };
}
