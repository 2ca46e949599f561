import { ConflictError, ValidationError } from '@shared/domain/errors';
import { describeIssues } from '@shared/domain/input-issues';
import { newId } from '@shared/domain/ids';
import type { LocalPost } from '@shared/domain/posts/local-post';
import {
  mediaOf,
  postDraftSchema,
  priceOf,
  publishOutcome,
  priceRuleIssue,
  type PostDraft,
  type PostSnapshot,
} from '@shared/domain/posts/post';
import { POST_KIND, type PostChange } from '@shared/domain/posts/post-sync';
import type { ConflictChoice } from '@shared/domain/sync/local-state';
import type Database from 'better-sqlite3';
import type { Outbox } from '../sync/outbox';
import { NoConflictError } from '../sync/no-conflict-error';
import { PostNotFoundError } from './post-errors';
import {
  FIRST_SERVER_VERSION,
  mediaColumn,
  parseSnapshot,
  priceColumns,
  rowMedia,
  rowPrice,
  snapshotParams,
  toLocalPost,
  type PostRow,
} from './post-row';
import { assertEditKeepsSchedule, publishedStatus, statusChanges } from './post-status';
import type { PostTable } from './post-table';

/**
 * What the creator does to their posts in the studio, offline or online. Every change writes the post row
 * and its outbox mutation in one transaction: both or neither.
 */
export class PostEditor {
  constructor(
    private readonly db: Database.Database,
    private readonly posts: PostTable,
    private readonly outbox: Outbox,
    private readonly creatorId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The posts not deleted, newest first. */
  list(): LocalPost[] {
    return this.posts.list().map(toLocalPost);
  }

  /** The posts with these ids that still stand, and the ids that are gone (deleted or never here). */
  byIds(ids: readonly string[]): { posts: LocalPost[]; gone: string[] } {
    const posts: LocalPost[] = [];
    const gone: string[] = [];
    for (const id of new Set(ids)) {
      const row = this.posts.find(id);
      if (row && !row.deleted) posts.push(toLocalPost(row));
      else gone.push(id);
    }
    return { posts, gone };
  }

  /** One post, or PostNotFoundError. */
  get(id: string): LocalPost {
    return toLocalPost(this.row(id));
  }

  /** The posts (not deleted) whose media include this vault item, newest first: where the item is used. */
  usingMedia(mediaId: string): LocalPost[] {
    return this.posts.usingMedia(mediaId).map(toLocalPost);
  }

  /**
   * Writes a new draft post and queues its creation on the server. Its id is a new UUIDv7, or the one the
   * editor chose for it (a priced post's rule names its own id, so the editor needs it before the first save).
   */
  create(input: unknown, id: string = newId()): LocalPost {
    const draft = parseDraft(input, id);
    const at = this.now().toISOString();
    const row: PostRow = {
      id,
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
      if (this.posts.find(id)) throw new ConflictError('A post with this id already exists');
      this.posts.insert(row);
      this.enqueue(row.id, { type: 'create', draft });
    })();
    return toLocalPost(row);
  }

  /**
   * Replaces a post's title, body, access rule, price, media (the set and its order), schedule and expiry. In a
   * conflict it only edits the creator's side.
   */
  update(id: string, input: unknown): LocalPost {
    const draft = parseDraft(input, id);
    return this.change(
      id,
      (row) => {
        // An edit never changes the status: a scheduled post whose time moved to now goes out when the
        // server's scheduler runs it, and the pull says so.
        assertEditKeepsSchedule(row.status, draft, this.now());
        return { ...row, ...draftColumns(draft) };
      },
      (row) => [{ type: 'update', baseVersion: row.version, draft }],
    );
  }

  /**
   * Makes a post visible to fans: at once, or `scheduled` while its `publishAt` is ahead (the server publishes
   * it then). No change if it is already out or scheduled ahead; PostExpiredError if its expiry has passed.
   */
  publish(id: string): LocalPost {
    return this.change(
      id,
      (row) => {
        if (row.status === 'published') return row;
        const status = publishedStatus(rowDraft(row), this.now());
        // Already scheduled for a time still ahead: nothing to ask. Scheduled and due (the server may be
        // waiting for its media): asking again puts it out now if it can.
        if (row.status === 'scheduled' && status === 'scheduled') return row;
        return { ...row, status, published_at: status === 'published' ? this.now().toISOString() : null };
      },
      () => [{ type: 'publish' }],
    );
  }

  /** Takes a post back to draft, hidden or with its schedule cancelled (no change if it is one). */
  unpublish(id: string): LocalPost {
    return this.change(
      id,
      (row) => (row.status === 'draft' ? row : { ...row, status: 'draft', published_at: null }),
      () => [{ type: 'unpublish' }],
    );
  }

  /** Deletes a post here and, through the outbox, on the server. A post the server never had just goes. */
  delete(id: string): void {
    this.db.transaction(() => {
      const row = this.row(id);
      const pending = this.outbox.pendingFor(POST_KIND.entity, id);
      if (row.confirmed_version === null && pending === 0) {
        this.posts.remove(id);
        return;
      }
      this.write({ ...row, deleted: 1, server_copy: null, updated_at: this.now().toISOString() }, [
        { type: 'delete' },
      ]);
    })();
  }

  /** Settles a conflict: 'server' takes the server's copy, 'mine' sends the creator's version over it. */
  resolveConflict(id: string, keep: ConflictChoice): LocalPost {
    return this.db.transaction(() => {
      const row = this.row(id);
      if (row.sync_state !== 'conflict') throw new NoConflictError(`Post ${id}`);
      const server = row.server_copy ? parseSnapshot(row.server_copy) : null;
      this.outbox.dropFor(POST_KIND.entity, id);
      if (keep === 'server') {
        if (!server) {
          this.posts.remove(id);
          return toLocalPost({ ...row, deleted: 1, sync_state: 'synced' });
        }
        const synced = adoptSnapshot(row, server);
        this.posts.update(synced);
        return toLocalPost(synced);
      }
      const mine: PostRow = { ...row, server_copy: null, sync_state: 'pending' };
      if (!server) {
        // The server deleted it meanwhile: keeping mine means creating it again.
        return this.write({ ...mine, version: 0, confirmed_version: null }, createChanges(row));
      }
      const draft = rowDraft(row);
      const changes: PostChange[] = [{ type: 'update', baseVersion: server.version, draft }];
      // Mine was out but its expiry has passed meanwhile: asking to publish it would only be refused.
      const expired = typeof publishOutcome(draft, this.now()) === 'object';
      for (const change of statusChanges(server.status, row.status)) {
        if (!(change.type === 'publish' && expired)) changes.push(change);
      }
      return this.write({ ...mine, version: server.version, confirmed_version: server.version }, changes);
    })();
  }

  /**
   * Applies an edit to a post and queues what the server needs to match it. A post the server does not have
   * (its create was refused) is created again; a post in conflict only changes locally until it is resolved.
   */
  private change(
    id: string,
    edit: (row: PostRow) => PostRow,
    changesFor: (row: PostRow) => PostChange[],
  ): LocalPost {
    return this.db.transaction(() => {
      const before = this.row(id);
      if (before.deleted) throw new PostNotFoundError(id);
      const edited = edit(before);
      if (edited === before) return toLocalPost(before);
      const row = { ...edited, updated_at: this.now().toISOString() };
      if (before.sync_state === 'conflict') {
        this.posts.update(row);
        return toLocalPost(row);
      }
      const needsCreate =
        row.confirmed_version === null && this.outbox.pendingFor(POST_KIND.entity, id) === 0;
      if (needsCreate) return this.write(row, createChanges(row));
      // A create still waiting in the outbox carries the draft as it was then: follow it with an update.
      const changes = row.confirmed_version === null ? followPendingCreate(row, before) : changesFor(row);
      return this.write(row, changes);
    })();
  }

  /** Stores the row as pending with its changes queued; each accepted change moves the server version +1. */
  private write(row: PostRow, changes: PostChange[]): LocalPost {
    const written: PostRow = {
      ...row,
      version: changes.reduce((v, c) => (c.type === 'create' ? FIRST_SERVER_VERSION : v + 1), row.version),
      sync_state: changes.length > 0 ? 'pending' : row.sync_state,
      sync_error: changes.length > 0 ? null : row.sync_error,
    };
    this.posts.update(written);
    for (const change of changes) this.enqueue(row.id, change);
    return toLocalPost(written);
  }

  private enqueue(postId: string, change: PostChange): void {
    this.outbox.enqueue({ id: newId(), entity: POST_KIND.entity, entityId: postId, change });
  }

  private row(id: string): PostRow {
    const row = this.posts.find(id);
    if (!row) throw new PostNotFoundError(id);
    return row;
  }
}

/**
 * The draft for post `id`, refused here as the server would refuse it (a ValidationError naming the first field
 * at fault), so an offline edit never waits in vain. Every field is filled in (none: null or no media) and the
 * instants are written in UTC, as the server gives them back.
 */
function parseDraft(input: unknown, id: string): PostDraft {
  const parsed = postDraftSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new ValidationError(
      describeIssues(parsed.error.issues),
      field === undefined ? undefined : String(field),
    );
  }
  const issue = priceRuleIssue(id, parsed.data);
  if (issue) throw new ValidationError(`${issue.field}: ${issue.message}`, issue.field);
  const draft = parsed.data;
  return {
    title: draft.title,
    body: draft.body,
    accessRule: draft.accessRule,
    price: priceOf(draft),
    media: mediaOf(draft).map(({ mediaId, caption }) => ({ mediaId, caption })),
    publishAt: utcInstant(draft.publishAt),
    expiresAt: utcInstant(draft.expiresAt),
    timeZone: draft.timeZone ?? null,
  };
}

const utcInstant = (instant: string | null | undefined): string | null =>
  instant ? new Date(instant).toISOString() : null;

function draftColumns(draft: PostDraft) {
  return {
    title: draft.title,
    body: draft.body,
    access_rule: JSON.stringify(draft.accessRule),
    ...priceColumns(draft.price),
    media: mediaColumn(draft.media),
    publish_at: draft.publishAt ?? null,
    expires_at: draft.expiresAt ?? null,
    time_zone: draft.timeZone ?? null,
  };
}

/** The row's draft, in the shape `parseDraft` gives (so two of them compare as JSON). */
function rowDraft(row: PostRow): PostDraft {
  return {
    title: row.title,
    body: row.body,
    accessRule: JSON.parse(row.access_rule) as PostDraft['accessRule'],
    price: rowPrice(row),
    media: rowMedia(row),
    publishAt: row.publish_at,
    expiresAt: row.expires_at,
    timeZone: row.time_zone,
  };
}

/** What the server needs to hold this post from scratch. */
function createChanges(row: PostRow): PostChange[] {
  return [{ type: 'create', draft: rowDraft(row) }, ...statusChanges('draft', row.status)];
}

function followPendingCreate(row: PostRow, before: PostRow): PostChange[] {
  const changes: PostChange[] = [];
  const draft = rowDraft(row);
  if (JSON.stringify(draft) !== JSON.stringify(rowDraft(before))) {
    changes.push({ type: 'update', baseVersion: row.version, draft });
  }
  changes.push(...statusChanges(before.status, row.status));
  return changes;
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
