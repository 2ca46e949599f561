import type { Kysely, Transaction } from 'kysely';
import { ConflictError, NotFoundError, PermissionDeniedError } from '@shared/domain/errors';
import { assertPriceFitsRule, priceOf, type PostDraft, type PostSnapshot } from '@shared/domain/posts/post';
import { POST_KIND, type PostChange } from '@shared/domain/posts/post-sync';
import type { Database, PostRow } from '../../db/schema';
import type { ActingForPolicy } from '../access/acting-for';
import type { AccountView } from '../accounts/account-service';
import type { ChangeFeed } from '../sync/change-feed';
import { PostVersionConflictError } from './post-errors';
import type { PostColumns, PostRepository } from './post-repository';
import { toPostSnapshot } from './post-snapshot';

/** The post after a change, and the seq of the change it appended (null: nothing changed). */
export interface PostOutcome {
  readonly post: PostSnapshot;
  readonly seq: number | null;
}

const NOT_FOUND = 'Post not found';

/**
 * Every write to posts goes through here, from `posts.*` or from a synced studio mutation, so each accepted
 * change bumps the version and feeds the creator's change feed.
 */
export class PostService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly posts: PostRepository,
    private readonly actingFor: ActingForPolicy,
    private readonly feed: ChangeFeed,
  ) {}

  /** Runs one change to a creator's post, acted by `actor`, in its own transaction; announces it after commit. */
  async execute(
    actor: AccountView,
    creatorId: string,
    postId: string,
    change: PostChange,
  ): Promise<PostOutcome> {
    await this.actingFor.assertMayActFor(actor, creatorId, 'content');
    const outcome = await this.db
      .transaction()
      .execute((trx) => this.executeIn(trx, creatorId, postId, change, null));
    if (outcome.seq !== null) this.feed.announce(creatorId, outcome.seq);
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
    const row = await this.posts.lock(trx, postId);
    if (change.type === 'create') return this.#create(trx, creatorId, postId, row, change.draft, mutationId);
    if (!row) throw new NotFoundError(NOT_FOUND);
    if (row.creator_id !== creatorId) throw new PermissionDeniedError('This post belongs to another creator');
    if (row.deleted_at !== null) {
      if (change.type === 'delete') return { post: toPostSnapshot(row), seq: null };
      throw new NotFoundError(NOT_FOUND);
    }
    const now = new Date();
    switch (change.type) {
      case 'update':
        assertPriceFitsRule(postId, change.draft);
        if (row.version !== change.baseVersion) throw new PostVersionConflictError(toPostSnapshot(row));
        return this.#write(trx, row, { ...draftColumns(change.draft), updated_at: now }, mutationId);
      case 'publish':
        if (row.status === 'published') return { post: toPostSnapshot(row), seq: null };
        return this.#write(
          trx,
          row,
          { status: 'published', published_at: row.published_at ?? now, updated_at: now },
          mutationId,
        );
      case 'unpublish':
        if (row.status === 'draft') return { post: toPostSnapshot(row), seq: null };
        return this.#write(trx, row, { status: 'draft', updated_at: now }, mutationId);
      case 'delete':
        return this.#write(trx, row, { deleted_at: now, updated_at: now }, mutationId);
    }
  }

  /** The creator's posts that are not deleted, newest first. */
  async listFor(actor: AccountView, creatorId: string): Promise<PostSnapshot[]> {
    await this.actingFor.assertMayActFor(actor, creatorId, 'content');
    return (await this.posts.listByCreator(creatorId)).map(toPostSnapshot);
  }

  async #create(
    trx: Transaction<Database>,
    creatorId: string,
    postId: string,
    existing: PostRow | undefined,
    draft: PostDraft,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const now = new Date();
    assertPriceFitsRule(postId, draft);
    if (existing) {
      // The creator's own post, deleted elsewhere: creating it again brings it back as a draft with this
      // text (a studio that kept its copy through a conflict with the delete sends exactly that).
      if (existing.creator_id === creatorId && existing.deleted_at !== null) {
        return this.#write(
          trx,
          existing,
          { ...draftColumns(draft), status: 'draft', published_at: null, deleted_at: null, updated_at: now },
          mutationId,
        );
      }
      throw new ConflictError('A post with this id already exists');
    }
    const row = await this.posts.insert(trx, {
      id: postId,
      creator_id: creatorId,
      ...draftColumns(draft),
      status: 'draft',
      version: 1,
      published_at: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    });
    const post = toPostSnapshot(row);
    const seq = await this.feed.append(
      trx,
      creatorId,
      { entity: POST_KIND.entity, op: 'upsert', id: post.id, data: post },
      mutationId,
    );
    return { post, seq };
  }

  async #write(
    trx: Transaction<Database>,
    row: PostRow,
    set: PostColumns,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const updated = await this.posts.update(trx, row, set);
    const post = toPostSnapshot(updated);
    const deleted = updated.deleted_at !== null;
    const seq = await this.feed.append(
      trx,
      row.creator_id,
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
