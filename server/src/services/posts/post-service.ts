import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { ConflictError, NotFoundError, PermissionDeniedError } from '@shared/domain/errors';
import type { PostDraft, PostSnapshot } from '@shared/domain/posts/post';
import type { Database, PostRow } from '../../db/schema';
import type { AccountView } from '../accounts/account-service';
import type { ChangeFeed } from '../sync/change-feed';
import { PostVersionConflictError } from './post-errors';
import { toPostSnapshot } from './post-snapshot';

/** One change a creator asks for, from `posts.*` or from a synced studio mutation. */
export type PostCommand =
  | { readonly type: 'create'; readonly postId: string; readonly draft: PostDraft }
  | {
      readonly type: 'update';
      readonly postId: string;
      readonly baseVersion: number;
      readonly draft: PostDraft;
    }
  | { readonly type: 'publish' | 'unpublish' | 'delete'; readonly postId: string };

/** The post after the command, and the seq of the change it appended (null: nothing changed). */
export interface PostOutcome {
  readonly post: PostSnapshot;
  readonly seq: number | null;
}

const NOT_FOUND = 'Post not found';

/** Every write to posts goes through here, so each accepted change bumps the version and feeds the change feed. */
export class PostService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly feed: ChangeFeed,
  ) {}

  /** Runs one command in its own transaction and announces the change after commit. */
  async execute(actor: AccountView, command: PostCommand): Promise<PostOutcome> {
    const outcome = await this.db.transaction().execute((trx) => this.executeIn(trx, actor, command, null));
    if (outcome.seq !== null) this.feed.announce(actor.id, outcome.seq);
    return outcome;
  }

  /**
   * Runs one command inside the caller's transaction (the caller announces after commit). Every check
   * happens before the first write, so a refused command writes nothing.
   */
  async executeIn(
    trx: Transaction<Database>,
    actor: AccountView,
    command: PostCommand,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    assertCreator(actor);
    if (command.type === 'create') return this.#create(trx, actor, command.postId, command.draft, mutationId);

    const row = await trx
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', command.postId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError(NOT_FOUND);
    if (row.creator_id !== actor.id) throw new PermissionDeniedError('This post belongs to another creator');
    if (row.deleted_at !== null) {
      if (command.type === 'delete') return { post: toPostSnapshot(row), seq: null };
      throw new NotFoundError(NOT_FOUND);
    }
    const now = new Date();
    switch (command.type) {
      case 'update':
        if (row.version !== command.baseVersion) throw new PostVersionConflictError(toPostSnapshot(row));
        return this.#write(
          trx,
          row,
          {
            title: command.draft.title,
            body: command.draft.body,
            access_rule: JSON.stringify(command.draft.accessRule),
            updated_at: now,
          },
          mutationId,
        );
      case 'publish':
        if (row.status === 'published') return { post: toPostSnapshot(row), seq: null };
        return this.#write(
          trx,
          row,
          {
            status: 'published',
            published_at: row.published_at ?? now,
            updated_at: now,
          },
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
  async listMine(actor: AccountView): Promise<PostSnapshot[]> {
    assertCreator(actor);
    const rows = await this.db
      .selectFrom('posts')
      .selectAll()
      .where('creator_id', '=', actor.id)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toPostSnapshot);
  }

  /** A new post id for callers that do not bring their own. */
  newPostId(): string {
    return uuidv7();
  }

  async #create(
    trx: Transaction<Database>,
    actor: AccountView,
    postId: string,
    draft: PostDraft,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const existing = await trx
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', postId)
      .forUpdate()
      .executeTakeFirst();
    if (existing) {
      // The creator's own post, deleted elsewhere: creating it again brings it back as a draft with this
      // text (a studio that kept its copy through a conflict with the delete sends exactly that).
      if (existing.creator_id === actor.id && existing.deleted_at !== null) {
        const now = new Date();
        return this.#write(
          trx,
          existing,
          {
            title: draft.title,
            body: draft.body,
            access_rule: JSON.stringify(draft.accessRule),
            status: 'draft',
            published_at: null,
            deleted_at: null,
            updated_at: now,
          },
          mutationId,
        );
      }
      throw new ConflictError('A post with this id already exists');
    }
    const now = new Date();
    const row = await trx
      .insertInto('posts')
      .values({
        id: postId,
        creator_id: actor.id,
        title: draft.title,
        body: draft.body,
        access_rule: JSON.stringify(draft.accessRule),
        status: 'draft',
        version: 1,
        published_at: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const post = toPostSnapshot(row);
    const seq = await this.feed.append(
      trx,
      actor.id,
      { entity: 'post', op: 'upsert', id: post.id, data: post },
      mutationId,
    );
    return { post, seq };
  }

  async #write(
    trx: Transaction<Database>,
    row: PostRow,
    set: Partial<{
      title: string;
      body: string;
      access_rule: string;
      status: 'draft' | 'published';
      published_at: Date | null;
      updated_at: Date;
      deleted_at: Date | null;
    }>,
    mutationId: string | null,
  ): Promise<PostOutcome> {
    const updated = await trx
      .updateTable('posts')
      .set({ ...set, version: row.version + 1 })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const post = toPostSnapshot(updated);
    const change =
      updated.deleted_at !== null
        ? ({ entity: 'post', op: 'delete', id: post.id, data: null } as const)
        : ({ entity: 'post', op: 'upsert', id: post.id, data: post } as const);
    const seq = await this.feed.append(trx, row.creator_id, change, mutationId);
    return { post, seq };
  }
}

function assertCreator(actor: AccountView): void {
  if (actor.role !== 'creator') throw new PermissionDeniedError('Only creator accounts can write posts');
}
