import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { LocalPost } from '@shared/domain/posts/local-post';
import {
  postDraftSchema,
  type PostDraft,
  type PostSnapshot,
  type PostStatus,
} from '@shared/domain/posts/post';
import type { Mutation } from '@shared/domain/sync/protocol';
import type { Outbox } from '../sync/outbox';
import { InvalidDraftError, NoConflictError, PostNotFoundError } from './post-errors';
import { FIRST_SERVER_VERSION, parseSnapshot, snapshotParams, toLocalPost, type PostRow } from './post-row';

type MutationBody = Mutation extends infer M
  ? M extends Mutation
    ? Omit<M, 'id' | 'postId'>
    : never
  : never;

/**
 * The active account's posts. Every change writes the post row and its outbox mutation in one transaction:
 * both or neither.
 */
export class PostRepository {
  private readonly selectAll: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly updateRow: Database.Statement;
  private readonly deleteRow: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.selectAll = db.prepare('SELECT * FROM posts WHERE deleted = 0 ORDER BY created_at DESC, id DESC');
    this.selectOne = db.prepare('SELECT * FROM posts WHERE id = ?');
    this.insertRow = db.prepare(`INSERT INTO posts (id, creator_id, title, body, access_rule, status, version,
        confirmed_version, published_at, created_at, updated_at, deleted, sync_state, sync_error, server_copy)
      VALUES (@id, @creator_id, @title, @body, @access_rule, @status, @version, @confirmed_version, @published_at,
        @created_at, @updated_at, @deleted, @sync_state, @sync_error, @server_copy)`);
    this.updateRow = db.prepare(`UPDATE posts SET title = @title, body = @body, access_rule = @access_rule,
        status = @status, version = @version, confirmed_version = @confirmed_version, published_at = @published_at,
        updated_at = @updated_at, deleted = @deleted, sync_state = @sync_state, sync_error = @sync_error,
        server_copy = @server_copy
      WHERE id = @id`);
    this.deleteRow = db.prepare('DELETE FROM posts WHERE id = ?');
  }

  /** The posts not deleted, newest first. */
  list(): LocalPost[] {
    return (this.selectAll.all() as PostRow[]).map(toLocalPost);
  }

  /** One post, or PostNotFoundError. */
  get(id: string): LocalPost {
    return toLocalPost(this.row(id));
  }

  /** Writes a new draft post (UUIDv7 id) and queues its creation on the server. */
  create(input: unknown): LocalPost {
    const draft = parseDraft(input);
    const at = this.now().toISOString();
    const row: PostRow = {
      id: uuidv7(),
      creator_id: this.creatorId,
      ...draftColumns(draft),
      status: 'draft',
      version: FIRST_SERVER_VERSION,
      confirmed_version: null,
      published_at: null,
      created_at: at,
      updated_at: at,
      deleted: 0,
      sync_state: 'pending',
      sync_error: null,
      server_copy: null,
    };
    this.db.transaction(() => {
      this.insertRow.run(row);
      this.outbox.enqueue({ id: uuidv7(), type: 'post.create', postId: row.id, draft });
    })();
    return toLocalPost(row);
  }

  /** Replaces a post's title, body and access rule. In a conflict it only edits the creator's side. */
  update(id: string, input: unknown): LocalPost {
    const draft = parseDraft(input);
    return this.change(
      id,
      (row) => ({ ...row, ...draftColumns(draft) }),
      (row) => [{ type: 'post.update', baseVersion: row.version, draft }],
    );
  }

  /** Makes a post visible to fans (no change if it already is). */
  publish(id: string): LocalPost {
    return this.setStatus(id, 'published');
  }

  /** Takes a post back to draft (no change if it is one). */
  unpublish(id: string): LocalPost {
    return this.setStatus(id, 'draft');
  }

  /** Deletes a post here and, through the outbox, on the server. A post the server never had just goes. */
  delete(id: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      const pending = this.outbox.pendingForPost(id);
      if (row.confirmed_version === null && pending === 0) {
        this.deleteRow.run(id);
        return;
      }
      this.write({ ...row, deleted: 1, server_copy: null, updated_at: this.now().toISOString() }, [
        { type: 'post.delete' },
      ]);
    })();
  }

  /** Settles a conflict: 'server' takes the server's copy, 'mine' sends the creator's version over it. */
  resolveConflict(id: string, keep: 'mine' | 'server'): LocalPost {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (row.sync_state !== 'conflict') throw new NoConflictError(id);
      const server = row.server_copy ? parseSnapshot(row.server_copy) : null;
      this.outbox.dropForPost(id);
      if (keep === 'server') {
        if (!server) {
          this.deleteRow.run(id);
          return toLocalPost({ ...row, deleted: 1, sync_state: 'synced' });
        }
        const synced = adoptSnapshot(row, server);
        this.updateRow.run(synced);
        return toLocalPost(synced);
      }
      const mine: PostRow = { ...row, server_copy: null, sync_state: 'pending' };
      if (!server) {
        // The server deleted it meanwhile: keeping mine means creating it again.
        return this.write({ ...mine, version: 0, confirmed_version: null }, createMutations(row));
      }
      const mutations: MutationBody[] = [
        { type: 'post.update', baseVersion: server.version, draft: rowDraft(row) },
      ];
      if (server.status !== row.status) mutations.push(statusMutation(row.status));
      return this.write({ ...mine, version: server.version, confirmed_version: server.version }, mutations);
    })();
  }

  private setStatus(id: string, status: PostStatus): LocalPost {
    return this.change(
      id,
      (row) =>
        row.status === status
          ? row
          : { ...row, status, published_at: status === 'published' ? this.now().toISOString() : null },
      () => [statusMutation(status)],
    );
  }

  /**
   * Applies an edit to a post and queues what the server needs to match it. A post the server does not have
   * (its create was refused) is created again; a post in conflict only changes locally until it is resolved.
   */
  private change(
    id: string,
    edit: (row: PostRow) => PostRow,
    mutationsFor: (row: PostRow, before: PostRow) => MutationBody[],
  ): LocalPost {
    return this.db.transaction(() => {
      const before = this.row(id);
      if (before.deleted) throw new PostNotFoundError(id);
      const edited = edit(before);
      if (edited === before) return toLocalPost(before);
      const row = { ...edited, updated_at: this.now().toISOString() };
      if (before.sync_state === 'conflict') {
        this.updateRow.run(row);
        return toLocalPost(row);
      }
      const needsCreate = row.confirmed_version === null && this.outbox.pendingForPost(id) === 0;
      if (needsCreate) return this.write(row, createMutations(row));
      // A create still waiting in the outbox carries the draft as it was then: follow it with an update.
      const mutations =
        row.confirmed_version === null ? this.followPendingCreate(row, before) : mutationsFor(row, before);
      return this.write(row, mutations);
    })();
  }

  private followPendingCreate(row: PostRow, before: PostRow): MutationBody[] {
    const mutations: MutationBody[] = [];
    const draft = rowDraft(row);
    if (JSON.stringify(draft) !== JSON.stringify(rowDraft(before))) {
      mutations.push({ type: 'post.update', baseVersion: row.version, draft });
    }
    if (row.status !== before.status) mutations.push(statusMutation(row.status));
    return mutations;
  }

  /** Stores the row as pending with its mutations queued; each accepted mutation moves the server version +1. */
  private write(row: PostRow, mutations: MutationBody[]): LocalPost {
    const written: PostRow = {
      ...row,
      version: mutations.reduce(
        (v, m) => (m.type === 'post.create' ? FIRST_SERVER_VERSION : v + 1),
        row.version,
      ),
      sync_state: mutations.length > 0 ? 'pending' : row.sync_state,
      sync_error: mutations.length > 0 ? null : row.sync_error,
    };
    this.updateRow.run(written);
    for (const body of mutations) this.outbox.enqueue({ ...body, id: uuidv7(), postId: row.id } as Mutation);
    return toLocalPost(written);
  }

  private row(id: string): PostRow {
    const row = this.selectOne.get(id) as PostRow | undefined;
    if (!row) throw new PostNotFoundError(id);
    return row;
  }
}

function parseDraft(input: unknown): PostDraft {
  const parsed = postDraftSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidDraftError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'draft'}: ${issue.message}`).join('; '),
    );
  }
  return parsed.data;
}

function draftColumns(draft: PostDraft) {
  return { title: draft.title, body: draft.body, access_rule: JSON.stringify(draft.accessRule) };
}

function rowDraft(row: PostRow): PostDraft {
  return {
    title: row.title,
    body: row.body,
    accessRule: JSON.parse(row.access_rule) as PostDraft['accessRule'],
  };
}

/** What the server needs to hold this post from scratch. */
function createMutations(row: PostRow): MutationBody[] {
  const mutations: MutationBody[] = [{ type: 'post.create', draft: rowDraft(row) }];
  if (row.status === 'published') mutations.push(statusMutation('published'));
  return mutations;
}

function statusMutation(status: PostStatus): MutationBody {
  return { type: status === 'published' ? 'post.publish' : 'post.unpublish' };
}

/** The row as the server has it: synced, nothing of the creator's left to send. */
export function adoptSnapshot(row: PostRow, server: PostSnapshot): PostRow {
  return {
    ...row,
    ...snapshotParams(server),
    confirmed_version: server.version,
    deleted: 0,
    sync_state: 'synced',
    sync_error: null,
    server_copy: null,
  };
}
